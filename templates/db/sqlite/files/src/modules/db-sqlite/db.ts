import type { RunResult } from 'better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';

/**
 * What every repository queries: the better-sqlite3 database, or a transaction on it (which is one too).
 * Queries are synchronous (`.get()`, `.all()`, `.run()`), and so is a transaction's body: nothing else
 * runs on the connection until it commits.
 */
export type Db = BaseSQLiteDatabase<'sync', RunResult, Record<string, never>>;

/**
 * For a transaction that writes: it takes the file's write lock at BEGIN, so a write that must wait for
 * another process (SQLITE_BUSY_TIMEOUT_MS) waits there, instead of failing once it has read.
 */
export const WRITE: { behavior: 'immediate' } = { behavior: 'immediate' };
