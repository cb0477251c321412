// What a failed query becomes. drizzle's errors carry the SQL and its parameters ("Failed query: ...
// params: ..."), so none of them is ever rethrown or logged: only SQLite's result code is kept. SQLite's
// foreign key errors name neither the constraint nor the table: references.ts finds them.
import { HttpProblem } from '../../core/errors.js';
import { DatabaseQueryError, errorChain, type ForeignKeyProblem, guardedBy, text, type UnavailableSigns, unavailableError } from '../../core/store-errors.js';

const STORE = 'SQLite';

const UNAVAILABLE: UnavailableSigns = {
  codes: new Set(),
  // Another process held the file's lock past SQLITE_BUSY_TIMEOUT_MS (BUSY, LOCKED), the disk is full or
  // failing (FULL, IOERR), the file or its folder became read-only or went away (READONLY, CANTOPEN).
  codePattern: /^SQLITE_(BUSY|LOCKED|FULL|IOERR|READONLY|CANTOPEN)/,
  // better-sqlite3 after close (shutdown).
  messages: ['The database connection is not open'],
};

/** Whether a foreign key refused the statement (an ON DELETE RESTRICT one comes as SQLITE_CONSTRAINT_TRIGGER). */
export function isForeignKeyViolation(error: unknown): boolean {
  const sqliteError = [...errorChain(error)].find((e) => text(e.code)?.startsWith('SQLITE_'));
  return sqliteError?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || (sqliteError?.code === 'SQLITE_CONSTRAINT_TRIGGER' && sqliteError.message === 'FOREIGN KEY constraint failed');
}

/** Maps anything a query threw to an error that is safe to log and to answer with. */
export function toRepositoryError(error: unknown, onForeignKeyViolation?: ForeignKeyProblem): Error {
  if (error instanceof HttpProblem) return error;
  const errors = [...errorChain(error)];
  const unavailable = unavailableError(STORE, errors, UNAVAILABLE);
  if (unavailable) return unavailable;
  // better-sqlite3's SqliteError has SQLite's extended result code, e.g. SQLITE_CONSTRAINT_UNIQUE.
  const sqliteError = errors.find((e) => text(e.code)?.startsWith('SQLITE_'));
  const code = sqliteError?.code as string | undefined;
  if (isForeignKeyViolation(error)) {
    // references.ts names the referencing table of a refused delete.
    const problem = onForeignKeyViolation?.({ constraint: undefined, table: text(sqliteError?.table) });
    if (problem) return problem;
  }
  return new DatabaseQueryError(STORE, code, {});
}

/** Runs one repository operation, rethrowing its failure as toRepositoryError does. */
export const guarded = <T>(operation: () => Promise<T>, onForeignKeyViolation?: ForeignKeyProblem): Promise<T> =>
  guardedBy(operation, (error) => toRepositoryError(error, onForeignKeyViolation));
