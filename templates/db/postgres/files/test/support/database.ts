// What tests need from the db module: every embedded database starts from the run's migrated image
// (provided by the globalSetup in pglite-image.ts, which also declares its type).
import { inject } from 'vitest';

export const databaseTestEnv: Record<string, string> = { PGLITE_IMAGE: inject('pgliteImage') };
