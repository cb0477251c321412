import { drizzle } from 'drizzle-orm/node-postgres';
import type { Config } from '../../core/config.js';
import { defineModule } from '../../core/context.js';
import { postgresHealthCheck } from './health.js';
import { registerPoolMetrics } from './metrics.js';
import { openPglite } from './pglite.js';
import { createPool } from './pool.js';
import { createNotesRepository } from './repository.js';

// Tests get a fresh in-memory database per app unless they ask for a directory.
const pgliteDataDir = (config: Config): string =>
  config.PGLITE_DATA_DIR ?? (config.NODE_ENV === 'test' ? 'memory://' : '.data/pglite');

export default defineModule({
  name: 'db-postgres',
  kind: 'infra',
  async register(_app, ctx) {
    const url = ctx.config.DATABASE_URL;
    if (url) {
      // Schema is applied by `npm run db:migrate` (deploy step), not at start.
      const pool = createPool(ctx.config, url);
      pool.on('error', (err) => ctx.logger.error({ err }, 'idle PostgreSQL client error'));
      ctx.onClose(() => pool.end());
      registerPoolMetrics(ctx.metrics, pool);
      ctx.health.register(postgresHealthCheck(pool));
      ctx.ports.notes = createNotesRepository(drizzle({ client: pool }));
      return;
    }
    const dataDir = pgliteDataDir(ctx.config);
    ctx.logger.warn({ dataDir }, 'DATABASE_URL is not set: using embedded PGlite (migrated at start)');
    const pglite = await openPglite(dataDir);
    ctx.onClose(pglite.close);
    ctx.ports.notes = createNotesRepository(pglite.db);
  },
});
