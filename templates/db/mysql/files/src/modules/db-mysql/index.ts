import fp from 'fastify-plugin';
import { drizzle } from 'drizzle-orm/mysql2';
import { ConfigError, loadConfigFrom } from '../../core/config.js';
import type { AppModule, ModuleOptions } from '../../core/context.js';
import { newestMigration } from '../../core/schema-version.js';
import { createMemoryRepositories } from '../../features/memory-repositories.js';
import { envSpec } from './env.js';
import { mysqlHealthCheck } from './health.js';
import { migrationsFolder } from './migrations.js';
import { registerMysqlPoolMetrics } from './metrics.js';
import { createPool, timedClient } from './pool.js';
import { createMysqlRepositories } from './repositories.js';
import { MEMORY_URL, serverUrlProblem } from './url.js';

export default {
  env: envSpec,
  plugin: fp<ModuleOptions>(
    async (app, { ctx }) => {
      const config = loadConfigFrom(envSpec, ctx.env);
      const url = config.MYSQL_URL;
      if (!url || url === MEMORY_URL) {
        // MySQL has no embedded form: without a server the records are kept in memory, which production
        // takes only when asked for by name.
        if (!url && ctx.config.NODE_ENV === 'production') throw new ConfigError(`MYSQL_URL is not set: production needs a MySQL database (MYSQL_URL=${MEMORY_URL} keeps records in memory on purpose)`);
        ctx.logger.warn(`${url ? `MYSQL_URL is ${MEMORY_URL}` : 'MYSQL_URL is not set'}: records are kept in memory and lost on restart`);
        app.decorate('repositories', createMemoryRepositories());
        return;
      }
      const problem = serverUrlProblem(url);
      if (problem) throw new ConfigError(problem);
      // Schema is applied by `npm run db:migrate` (deploy step), not at start.
      const pool = createPool(config, url);
      app.addHook('onClose', async () => {
        await pool.end();
      });
      const client = timedClient(pool, config.MYSQL_QUERY_TIMEOUT_MS);
      registerMysqlPoolMetrics(ctx.metrics, pool, config.MYSQL_POOL_MAX);
      ctx.health.register(mysqlHealthCheck(client, newestMigration(migrationsFolder)));
      app.decorate('repositories', createMysqlRepositories(drizzle({ client })));
    },
    { name: 'db-mysql' },
  ),
} satisfies AppModule;
