import type pg from 'pg';
import { abortable } from '../../core/abortable.js';
import type { HealthCheck } from '../../core/ports.js';

export const postgresHealthCheck = (pool: pg.Pool): HealthCheck => ({
  name: 'postgres',
  timeoutMs: 2000,
  // The pool's query_timeout eventually frees a stuck client; the race answers /readyz now.
  check: async (signal) => void (await abortable(pool.query('SELECT 1'), signal)),
});
