import fp from 'fastify-plugin';
import { ConfigError, loadConfigFrom } from '../../core/config.js';
import type { AppModule, ModuleOptions } from '../../core/context.js';
import { DEFAULT_PATH, MEMORY_PATH, migrateSqlite, openDatabase, sqliteReason } from './database.js';
import { envSpec } from './env.js';
import { sqliteHealthCheck } from './health.js';
import { registerSqliteMetrics } from './metrics.js';
import { createSqliteRepositories } from './repositories.js';

export default {
  env: envSpec,
  plugin: fp<ModuleOptions>(
    async (app, { ctx }) => {
      const config = loadConfigFrom(envSpec, ctx.env);
      // Tests get a fresh in-memory database per app unless they name a file.
      const path = config.SQLITE_PATH || (ctx.config.NODE_ENV === 'test' ? MEMORY_PATH : DEFAULT_PATH);
      let db: ReturnType<typeof openDatabase>;
      try {
        db = openDatabase(path, config.SQLITE_BUSY_TIMEOUT_MS);
      } catch (error) {
        throw new ConfigError(`SQLITE_PATH=${path} cannot be opened as a SQLite database: ${sqliteReason(error)}`);
      }
      app.addHook('onClose', async () => {
        db.$client.close();
      });
      try {
        migrateSqlite(db, config.SQLITE_BUSY_TIMEOUT_MS);
      } catch (error) {
        db.$client.close();
        throw new ConfigError(`SQLITE_PATH=${path}: the migrations in drizzle/sqlite/ failed: ${sqliteReason(error)}`);
      }
      if (path === MEMORY_PATH && ctx.config.NODE_ENV !== 'test') ctx.logger.warn(`SQLITE_PATH is ${MEMORY_PATH}: records are lost on restart`);
      else ctx.logger.info({ path }, 'SQLite database opened and migrated');
      registerSqliteMetrics(ctx.metrics, db.$client);
      ctx.health.register(sqliteHealthCheck(db.$client));
      app.decorate('repositories', createSqliteRepositories(db));
    },
    { name: 'db-sqlite' },
  ),
} satisfies AppModule;
