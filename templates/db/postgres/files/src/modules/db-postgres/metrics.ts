import type pg from 'pg';
import type { Registry } from 'prom-client';
import { registerPoolMetrics } from '../../core/pool-metrics.js';

/** The pool's db_client_connections_* series (pool="postgres"). */
export const registerPostgresPoolMetrics = (registry: Registry, pool: pg.Pool, max: number): void =>
  registerPoolMetrics(registry, 'postgres', () => ({ idle: pool.idleCount, used: pool.totalCount - pool.idleCount, pending: pool.waitingCount, max }));
