import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { migrationsFolder } from './migrations.js';

/** Embedded PostgreSQL (WASM) for running without DATABASE_URL; migrated on open. */
export async function openPglite(dataDir: string) {
  if (!dataDir.includes('://')) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir);
  const db = drizzle({ client });
  await migrate(db, { migrationsFolder });
  return { db, close: () => client.close() };
}
