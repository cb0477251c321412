import type { Pool } from 'mysql2/promise';
import type { HealthCheck } from '../../core/ports.js';
import { storeHealthCheck } from '../../core/store-health.js';
import { toRepositoryError } from './errors.js';

/** `client`: the timed client of pool.ts. */
export const mysqlHealthCheck = (client: Pool): HealthCheck => storeHealthCheck('mysql', () => client.query('SELECT 1'), toRepositoryError);
