import type pg from 'pg';
import type { HealthCheck } from '../../core/ports.js';
import { storeHealthCheck } from '../../core/store-health.js';
import { toRepositoryError } from './errors.js';

export const postgresHealthCheck = (pool: pg.Pool): HealthCheck => storeHealthCheck('postgres', () => pool.query('SELECT 1'), toRepositoryError);
