import fp from 'fastify-plugin';
import { drizzle } from 'drizzle-orm/node-postgres';
import { loadConfigFrom, type Config, type ConfigFrom } from '../../core/config.js';
import type { AppModule, ModuleOptions } from '../../core/context.js';
import { newestMigration } from '../../core/schema-version.js';
import { envSpec } from './env.js';
import { postgresHealthCheck } from './health.js';
import { migrationsFolder } from './migrations.js';
import { registerPostgresPoolMetrics } from './metrics.js';
import { openPglite } from './pglite.js';
import { takeInMemoryPglite } from './pglite-pool.js';
import { createPool } from './pool.js';
import { createPostgresRepositories } from './repositories.js';

// Tests get a fresh in-memory database per app unless they ask for a directory.
const pgliteDataDir = (config: ConfigFrom<typeof envSpec>, nodeEnv: Config['NODE_ENV']): string =>
  config.PGLITE_DATA_DIR ?? (nodeEnv === 'test' ? 'memory://' : '.data/pglite');

export default {
  env: envSpec,
  plugin: fp<ModuleOptions>(
    async (app, { ctx }) => {
      const config = loadConfigFrom(envSpec, ctx.env);
      const url = config.DATABASE_URL;
      if (url) {
        // Schema is applied by `npm run db:migrate` (deploy step), not at start.
        const pool = createPool({ ...config, applicationName: ctx.config.OTEL_SERVICE_NAME }, url);
        pool.on('error', (err) => ctx.logger.error({ err }, 'idle PostgreSQL client error'));
        app.addHook('onClose', async () => {
          await pool.end();
        });
        registerPostgresPoolMetrics(ctx.metrics, pool, config.DATABASE_POOL_MAX);
        ctx.health.register(postgresHealthCheck(pool, newestMigration(migrationsFolder)));
        app.decorate('repositories', createPostgresRepositories(drizzle({ client: pool })));
        return;
      }
      const dataDir = pgliteDataDir(config, ctx.config.NODE_ENV);
      ctx.logger.warn({ dataDir }, 'DATABASE_URL is not set: using embedded PGlite (migrated at start)');
      // Only tests build many apps in one process: theirs reuse emptied databases (pglite-pool.ts).
      const reuse = dataDir === 'memory://' && ctx.config.NODE_ENV === 'test';
      const pglite = reuse ? await takeInMemoryPglite(config.PGLITE_IMAGE) : await openPglite(dataDir, config.PGLITE_IMAGE);
      app.addHook('onClose', async () => {
        await pglite.close();
      });
      app.decorate('repositories', createPostgresRepositories(pglite.db));
    },
    { name: 'db-postgres' },
  ),
} satisfies AppModule;
