import pg from 'pg';
import type { ConfigFrom } from '../../core/config.js';
import type { envSpec } from './env.js';

export type PoolConfig = ConfigFrom<typeof envSpec> & { applicationName: string };

export function createPool(config: PoolConfig, url: string): pg.Pool {
  return new pg.Pool({
    connectionString: url,
    max: config.DATABASE_POOL_MAX,
    connectionTimeoutMillis: 3000,
    idleTimeoutMillis: 30_000,
    statement_timeout: config.DATABASE_STATEMENT_TIMEOUT_MS,
    idle_in_transaction_session_timeout: 60_000,
    // Client-side guard for when the server never answers (e.g. network partition).
    query_timeout: config.DATABASE_STATEMENT_TIMEOUT_MS + 1000,
    application_name: config.applicationName,
  });
}
