import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { HealthCheck } from '../../core/ports.js';
import { assertSchemaCurrent } from '../../core/schema-version.js';
import { storeHealthCheck } from '../../core/store-health.js';
import { toRepositoryError } from './errors.js';

/** The newest migration drizzle's migrator recorded, undefined without its table (nothing was ever migrated). */
async function appliedMigration(client: Pool): Promise<number | undefined> {
  try {
    const [rows] = await client.query<RowDataPacket[]>('SELECT max(created_at) AS newest FROM __drizzle_migrations');
    const newest = (rows[0] as { newest: string | number | null } | undefined)?.newest;
    return newest == null ? undefined : Number(newest);
  } catch (error) {
    if ((error as { code?: string }).code === 'ER_NO_SUCH_TABLE') return undefined;
    throw error;
  }
}

/** `client`: the timed client of pool.ts. Passes when MySQL answers and has every migration up to `newestMigration`. */
export const mysqlHealthCheck = (client: Pool, newestMigration: number): HealthCheck =>
  storeHealthCheck('mysql', () => appliedMigration(client), toRepositoryError, (applied) => assertSchemaCurrent('the database', applied, newestMigration));
