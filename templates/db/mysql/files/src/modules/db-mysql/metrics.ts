import type { Pool } from 'mysql2/promise';
import type { Registry } from 'prom-client';
import { registerPoolMetrics } from '../../core/pool-metrics.js';

// mysql2 keeps its pool's counts in fields it does not document (the same since mysql2 1.x); the test
// of this module checks them against a real pool.
interface PoolQueues {
  _allConnections: { length: number };
  _freeConnections: { length: number };
  _connectionQueue: { length: number };
}

/** The pool's db_client_connections_* series (pool="mysql"). */
export function registerMysqlPoolMetrics(registry: Registry, pool: Pool, max: number): void {
  const queues = pool.pool as unknown as PoolQueues;
  registerPoolMetrics(registry, 'mysql', () => ({
    idle: queues._freeConnections.length,
    used: queues._allConnections.length - queues._freeConnections.length,
    pending: queues._connectionQueue.length,
    max,
  }));
}
