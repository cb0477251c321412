import { fileURLToPath } from 'node:url';

// src/modules/db-mysql and dist/modules/db-mysql are both three levels below the root.
export const migrationsFolder = fileURLToPath(new URL('../../../drizzle/mysql', import.meta.url));
