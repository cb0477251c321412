import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { migrationsFolder } from './migrations.js';

/** SQLITE_PATH's value for a database that lives in memory and is gone when the app stops (the tests' default). */
export const MEMORY_PATH = ':memory:';
export const DEFAULT_PATH = '.data/app.db';

// A migration may wait this long for another process that migrates the same file.
const MIGRATION_BUSY_TIMEOUT_MS = 60_000;

/** SQLite's own words for why opening or migrating failed ("file is not a database"), not drizzle's wrapper, which quotes the SQL. */
export function sqliteReason(error: unknown): string {
  let reason: unknown = error;
  while (reason instanceof Error && reason.cause instanceof Error) reason = reason.cause;
  return (reason instanceof Error ? reason.message : String(reason)).split('\n')[0]!;
}

export type SqliteDatabase = BetterSQLite3Database & { $client: Database.Database };

/**
 * Opens the database file (creating it and its folder), in WAL mode so reads never wait for a write,
 * with every commit synced to disk (synchronous=FULL: an acknowledged write survives a power cut) and
 * foreign keys enforced (SQLite leaves them off per connection). `busyTimeoutMs`: how long a statement
 * waits for another process's lock, blocking the event loop meanwhile.
 */
export function openDatabase(path: string, busyTimeoutMs: number): SqliteDatabase {
  if (path !== MEMORY_PATH) mkdirSync(dirname(path), { recursive: true });
  const client = new Database(path, { timeout: busyTimeoutMs });
  try {
    if (path !== MEMORY_PATH) client.pragma('journal_mode = WAL');
    client.pragma('synchronous = FULL');
    client.pragma('foreign_keys = ON');
  } catch (error) {
    client.close();
    throw error;
  }
  return drizzle({ client });
}

/**
 * Applies drizzle/sqlite/ migrations (each in one transaction: SQLite's DDL is transactional). Two
 * processes starting at once may both find a migration pending; the second then fails on a table the
 * first created, rolls back, and finds nothing pending when it reads again.
 */
export function migrateSqlite(db: SqliteDatabase, busyTimeoutMs: number): void {
  db.$client.pragma(`busy_timeout = ${MIGRATION_BUSY_TIMEOUT_MS}`);
  try {
    try {
      migrate(db, { migrationsFolder });
    } catch {
      migrate(db, { migrationsFolder });
    }
  } finally {
    db.$client.pragma(`busy_timeout = ${busyTimeoutMs}`);
  }
}
