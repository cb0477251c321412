// What tests need from the db module: every embedded database starts from the run's migrated image.
import { inject } from 'vitest';
import './pglite-image.js';

export const databaseTestEnv: Record<string, string> = { PGLITE_IMAGE: inject('pgliteImage') };
