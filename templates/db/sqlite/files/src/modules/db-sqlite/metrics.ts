import type Database from 'better-sqlite3';
import type { Registry } from 'prom-client';
import { registerPoolMetrics } from '../../core/pool-metrics.js';

/**
 * The connection's db_client_connections_* series (pool="sqlite"): one connection, whose queries are
 * synchronous, so it is never seen in use and nothing ever waits for it; idle while it is open.
 */
export const registerSqliteMetrics = (registry: Registry, client: Database.Database): void =>
  registerPoolMetrics(registry, 'sqlite', () => ({ idle: client.open ? 1 : 0, used: 0, pending: 0, max: 1 }));
