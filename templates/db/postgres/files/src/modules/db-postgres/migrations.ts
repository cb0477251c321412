import { fileURLToPath } from 'node:url';

// src/modules/db-postgres and dist/modules/db-postgres are both three levels below the root.
export const migrationsFolder = fileURLToPath(new URL('../../../drizzle', import.meta.url));
