import type { Pool } from 'mysql2/promise';
import { abortable } from '../../core/abortable.js';
import type { HealthCheck } from '../../core/ports.js';

/** `client`: the timed client of pool.ts, whose query timeout eventually frees a stuck connection; the race answers /readyz now. */
export const mysqlHealthCheck = (client: Pool): HealthCheck => ({
  name: 'mysql',
  timeoutMs: 2000,
  check: async (signal) => void (await abortable(client.query('SELECT 1'), signal)),
});
