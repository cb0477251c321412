import { fileURLToPath } from 'node:url';

// src/modules/db-sqlite and dist/modules/db-sqlite are both three levels below the root.
export const migrationsFolder = fileURLToPath(new URL('../../../drizzle/sqlite', import.meta.url));
