import { existsSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { migrationsFolder } from './migrations.js';

const isInMemory = (dataDir: string) => dataDir.startsWith('memory://');

/**
 * Embedded PostgreSQL (WASM) for running without DATABASE_URL; migrated on open. A new database starts
 * from `imagePath` (a data dir dumped by migratedImage) when given: that skips initdb, most of the cost
 * of opening one. An existing data dir keeps what it holds.
 */
export async function openPglite(dataDir: string, imagePath?: string) {
  if (!isInMemory(dataDir)) mkdirSync(dataDir, { recursive: true });
  const isNew = isInMemory(dataDir) || !existsSync(join(dataDir, 'PG_VERSION'));
  const loadDataDir = imagePath && isNew ? new Blob([await readFile(imagePath)]) : undefined;
  const client = await PGlite.create(dataDir, loadDataDir ? { loadDataDir } : {});
  const db = drizzle({ client });
  await migrate(db, { migrationsFolder });
  return { db, close: () => client.close() };
}

/** A migrated, empty database's data dir as a tarball, for PGLITE_IMAGE (the tests make one per run). */
export async function migratedImage(): Promise<Blob> {
  const { db, close } = await openPglite('memory://');
  try {
    return await db.$client.dumpDataDir('none');
  } finally {
    await close();
  }
}
