// What a failed query becomes. Driver errors carry the SQL, its parameters (drizzle's "Failed query:
// ... params: ..." message) and server messages that quote values ("Duplicate entry '...' for key"), so
// none of them is ever rethrown or logged: only the error code and schema names are kept. A foreign key
// violation is the client's doing; the repository that ran the query says which error it means.
import { HttpProblem } from '../../core/errors.js';
import { DatabaseQueryError, errorChain, type ForeignKeyProblem, guardedBy, SOCKET_ERRORS, text, type UnavailableSigns, unavailableError } from '../../core/store-errors.js';

const STORE = 'MySQL';

const UNAVAILABLE: UnavailableSigns = {
  codes: new Set([
    ...SOCKET_ERRORS,
    // mysql2: the server went away, or a query outlived MYSQL_QUERY_TIMEOUT_MS
    'PROTOCOL_CONNECTION_LOST',
    'PROTOCOL_SEQUENCE_TIMEOUT',
    // The server: too many connections, shutting down, a deadlock (retrying succeeds), a lock or statement timeout
    'ER_CON_COUNT_ERROR',
    'ER_TOO_MANY_USER_CONNECTIONS',
    'ER_SERVER_SHUTDOWN',
    'ER_LOCK_DEADLOCK',
    'ER_LOCK_WAIT_TIMEOUT',
    'ER_QUERY_TIMEOUT', // MySQL's max_execution_time
    'ER_STATEMENT_TIMEOUT', // MariaDB's max_statement_time
  ]),
  // mysql2 errors that have no code, matched by their fixed messages.
  messages: [
    'timeout exceeded when trying to get a MySQL connection', // pool.ts: no connection came free in time
    'Queue limit reached', // too many requests already waiting for one
    'Pool is closed',
    "Can't add new command when connection is in closed state",
  ],
};

// ER_NO_REFERENCED_ROW(_2): a write names a row that does not exist; ER_ROW_IS_REFERENCED(_2): a delete
// of a row others reference (every generated reference restricts deletes).
const FOREIGN_KEY_VIOLATIONS = new Set(['ER_NO_REFERENCED_ROW', 'ER_NO_REFERENCED_ROW_2', 'ER_ROW_IS_REFERENCED', 'ER_ROW_IS_REFERENCED_2']);
// Both messages name the referencing table and the constraint, and no values:
// "... a foreign key constraint fails (`app`.`line_items`, CONSTRAINT `line_items_customer_id_customers_id_fk` FOREIGN KEY ..."
const FOREIGN_KEY_MESSAGE = /constraint fails \(`[^`]*`\.`([^`]+)`, CONSTRAINT `([^`]+)`/;

/** Maps anything a query threw to an error that is safe to log and to answer with. */
export function toRepositoryError(error: unknown, onForeignKeyViolation?: ForeignKeyProblem): Error {
  if (error instanceof HttpProblem) return error;
  const errors = [...errorChain(error)];
  const unavailable = unavailableError(STORE, errors, UNAVAILABLE);
  if (unavailable) return unavailable;
  // The server's errors have an errno and an ER_ code; anything else is not MySQL's.
  const server = errors.find((e) => typeof e.errno === 'number' && typeof e.code === 'string' && e.code.startsWith('ER_'));
  if (!server) return new DatabaseQueryError(STORE, undefined, {});
  const code = server.code as string;
  const [, table, constraint] = (FOREIGN_KEY_VIOLATIONS.has(code) && FOREIGN_KEY_MESSAGE.exec(text(server.sqlMessage) ?? '')) || [];
  if (FOREIGN_KEY_VIOLATIONS.has(code)) {
    const problem = onForeignKeyViolation?.({ constraint, table });
    if (problem) return problem;
  }
  const details = { ...(constraint && { constraint }), ...(table && { table }) };
  return new DatabaseQueryError(STORE, code, details, `${code} ${server.errno}`);
}

/** Runs one repository operation, rethrowing its failure as toRepositoryError does. */
export const guarded = <T>(operation: () => Promise<T>, onForeignKeyViolation?: ForeignKeyProblem): Promise<T> =>
  guardedBy(operation, (error) => toRepositoryError(error, onForeignKeyViolation));
