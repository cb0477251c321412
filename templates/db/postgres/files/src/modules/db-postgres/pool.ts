import pg from 'pg';
import type { Config } from '../../core/config.js';

export function createPool(config: Config, url: string): pg.Pool {
  return new pg.Pool({
    connectionString: url,
    max: config.DATABASE_POOL_MAX,
    connectionTimeoutMillis: 3000,
    idleTimeoutMillis: 30_000,
    statement_timeout: config.DATABASE_STATEMENT_TIMEOUT_MS,
    idle_in_transaction_session_timeout: 60_000,
    // Client-side guard for when the server never answers (e.g. network partition).
    query_timeout: config.DATABASE_STATEMENT_TIMEOUT_MS + 1000,
    application_name: config.OTEL_SERVICE_NAME,
  });
}
