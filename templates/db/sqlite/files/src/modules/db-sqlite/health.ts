import type Database from 'better-sqlite3';
import type { HealthCheck } from '../../core/ports.js';
import { storeHealthCheck } from '../../core/store-health.js';
import { toRepositoryError } from './errors.js';

/** Reads the file's header (schema_version), so a file gone unreadable or locked by another process fails it. */
export const sqliteHealthCheck = (client: Database.Database): HealthCheck =>
  storeHealthCheck('sqlite', async () => client.pragma('schema_version', { simple: true }), toRepositoryError);
