import type pg from 'pg';
import type { HealthCheck } from '../../core/ports.js';
import { assertSchemaCurrent } from '../../core/schema-version.js';
import { storeHealthCheck } from '../../core/store-health.js';
import { toRepositoryError } from './errors.js';

// 42P01 undefined_table, 3F000 invalid_schema_name: nothing was ever migrated.
const NOT_MIGRATED = new Set(['42P01', '3F000']);

/** The newest migration drizzle's migrator recorded, undefined without its table. */
async function appliedMigration(pool: pg.Pool): Promise<number | undefined> {
  try {
    const { rows } = await pool.query<{ newest: string | null }>('SELECT max(created_at) AS newest FROM drizzle.__drizzle_migrations');
    return rows[0]?.newest == null ? undefined : Number(rows[0].newest);
  } catch (error) {
    if (NOT_MIGRATED.has((error as { code?: string }).code ?? '')) return undefined;
    throw error;
  }
}

/** Passes when PostgreSQL answers and has every migration up to `newestMigration` (schema-version.ts). */
export const postgresHealthCheck = (pool: pg.Pool, newestMigration: number): HealthCheck =>
  storeHealthCheck('postgres', () => appliedMigration(pool), toRepositoryError, (applied) => assertSchemaCurrent('the database', applied, newestMigration));
