// What a failed query becomes. Driver errors carry the SQL, its parameters (drizzle's "Failed query:
// ... params: ..." message) and server messages that quote values ('invalid input syntax for type uuid:
// "..."'), so none of them is ever rethrown or logged: only the SQLSTATE and schema names are kept.
// A foreign key violation is the client's doing; the repository that ran the query says which error
// it means (references.ts).
import { HttpProblem } from '../../core/errors.js';
import { DatabaseQueryError, errorChain, type ForeignKeyProblem, guardedBy, SOCKET_ERRORS, text, type UnavailableSigns, unavailableError } from '../../core/store-errors.js';

const STORE = 'PostgreSQL';

const UNAVAILABLE: UnavailableSigns = {
  codes: new Set(SOCKET_ERRORS),
  // SQLSTATE classes 08 (connection exception), 53 (insufficient resources), 57P (operator
  // intervention: shutdown, cannot connect now), 57014 (statement timeout or cancel), 40P01 (a
  // deadlock: retrying succeeds).
  codePattern: /^(08|53|57P)|^(57014|40P01)$/,
  // pg and pg-pool errors that have no code, matched by their fixed messages.
  messages: [
    'timeout exceeded when trying to connect', // pool exhausted, or the connection did not open in time
    'Connection terminated',
    'Query read timeout', // the client-side query_timeout
    'is not queryable',
  ],
};

// 23503 foreign_key_violation: a write names a row that does not exist (or a NO ACTION delete);
// 23001 restrict_violation: a delete under ON DELETE RESTRICT, which every generated reference has.
const FOREIGN_KEY_VIOLATIONS = new Set(['23503', '23001']);

/** Maps anything a query threw to an error that is safe to log and to answer with. */
export function toRepositoryError(error: unknown, onForeignKeyViolation?: ForeignKeyProblem): Error {
  if (error instanceof HttpProblem) return error;
  const errors = [...errorChain(error)];
  const unavailable = unavailableError(STORE, errors, UNAVAILABLE);
  if (unavailable) return unavailable;
  // A SQLSTATE is five characters; anything else in `code` is not PostgreSQL's.
  const withState = errors.find((e) => typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code));
  if (!withState) return new DatabaseQueryError(STORE, undefined, {});
  const { constraint, table, column } = withState;
  if (FOREIGN_KEY_VIOLATIONS.has(withState.code as string)) {
    const problem = onForeignKeyViolation?.({ constraint: text(constraint), table: text(table) });
    if (problem) return problem;
  }
  const code = withState.code as string;
  const details = {
    ...(text(constraint) && { constraint: text(constraint) }),
    ...(text(table) && { table: text(table) }),
    ...(text(column) && { column: text(column) }),
  };
  return new DatabaseQueryError(STORE, code, details, `SQLSTATE ${code}`);
}

/** Runs one repository operation, rethrowing its failure as toRepositoryError does. */
export const guarded = <T>(operation: () => Promise<T>, onForeignKeyViolation?: ForeignKeyProblem): Promise<T> =>
  guardedBy(operation, (error) => toRepositoryError(error, onForeignKeyViolation));
