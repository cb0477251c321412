// What a failed query becomes. Driver errors carry the SQL, its parameters (drizzle's "Failed query:
// ... params: ..." message) and server messages that quote values ('invalid input syntax for type uuid:
// "..."'), so none of them is ever rethrown or logged: only the SQLSTATE and schema names are kept.
// A foreign key violation is the client's doing; the repository that ran the query says which error
// it means (references.ts).
import { HttpProblem } from '../../core/errors.js';

/** Seconds a client should wait before retrying while the database is unreachable. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * 503: PostgreSQL is unreachable, refused the connection, timed out, or the pool is exhausted. Clients
 * get the problem's detail; the log line gets the message, which names the reason.
 */
export class DatabaseUnavailableError extends HttpProblem {
  constructor(readonly reason: string) {
    super(503, 'The database is unavailable; retry later.', { title: 'Service Unavailable', headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } });
    this.name = 'DatabaseUnavailableError';
    this.message = `PostgreSQL unavailable: ${reason}`;
  }
}

/** Any other failed query: a 500 whose log line says which SQLSTATE and constraint, never which values. */
export class DatabaseQueryError extends Error {
  override name = 'DatabaseQueryError';
  constructor(
    readonly code: string | undefined,
    readonly details: { constraint?: string; table?: string; column?: string },
  ) {
    const names = Object.entries(details).map(([key, value]) => `${key} ${value}`);
    super(`PostgreSQL query failed${code ? ` (SQLSTATE ${[code, ...names].join(', ')})` : ''}`);
  }
}

// SQLSTATE classes 08 (connection exception), 53 (insufficient resources), 57P (operator intervention:
// shutdown, cannot connect now), 57014 (statement timeout or cancel).
const UNAVAILABLE_SQLSTATE = /^(08|53|57P)|^57014$/;
// Node socket errors, and pg / pg-pool errors that have no code (matched by their fixed messages).
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGE = [
  'timeout exceeded when trying to connect', // pool exhausted, or the connection did not open in time
  'Connection terminated',
  'Query read timeout', // the client-side query_timeout
  'is not queryable',
];

interface DriverError {
  code?: unknown;
  message?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  cause?: unknown;
  errors?: unknown; // AggregateError: one per address tried (e.g. ::1 and 127.0.0.1)
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

/** The driver error inside drizzle's wrapper (and any further causes), outermost first. */
function* chain(error: unknown): Generator<DriverError> {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const e = current as DriverError;
    yield e;
    if (Array.isArray(e.errors)) yield* e.errors.flatMap((inner) => [...chain(inner)]);
    current = e.cause;
  }
}

function unavailableReason(e: DriverError): string | undefined {
  const code = text(e.code);
  if (code && (UNAVAILABLE_ERRNO.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return code;
  const message = text(e.message);
  return message && UNAVAILABLE_MESSAGE.find((m) => message.includes(m));
}

/** A foreign key refused a write or a delete, as PostgreSQL reports it: the constraint and the referencing table, never the values. */
export interface ForeignKeyViolation {
  constraint: string | undefined;
  table: string | undefined;
}

/** The client error a foreign key violation means to one operation; undefined leaves it a 500. */
export type ForeignKeyProblem = (violation: ForeignKeyViolation) => HttpProblem | undefined;

// 23503 foreign_key_violation: a write names a row that does not exist (or a NO ACTION delete);
// 23001 restrict_violation: a delete under ON DELETE RESTRICT, which every generated reference has.
const FOREIGN_KEY_VIOLATIONS = new Set(['23503', '23001']);

/** Maps anything a query threw to an error that is safe to log and to answer with. */
export function toRepositoryError(error: unknown, onForeignKeyViolation?: ForeignKeyProblem): Error {
  if (error instanceof HttpProblem) return error;
  const errors = [...chain(error)];
  for (const e of errors) {
    const reason = unavailableReason(e);
    if (reason) return new DatabaseUnavailableError(reason);
  }
  // A SQLSTATE is five characters; anything else in `code` is not PostgreSQL's.
  const withState = errors.find((e) => typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code));
  if (!withState) return new DatabaseQueryError(undefined, {});
  const { constraint, table, column } = withState;
  if (FOREIGN_KEY_VIOLATIONS.has(withState.code as string)) {
    const problem = onForeignKeyViolation?.({ constraint: text(constraint), table: text(table) });
    if (problem) return problem;
  }
  return new DatabaseQueryError(withState.code as string, {
    ...(text(constraint) && { constraint: text(constraint) }),
    ...(text(table) && { table: text(table) }),
    ...(text(column) && { column: text(column) }),
  });
}

/** Runs one repository operation, rethrowing its failure as toRepositoryError does. */
export async function guarded<T>(operation: () => Promise<T>, onForeignKeyViolation?: ForeignKeyProblem): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toRepositoryError(error, onForeignKeyViolation);
  }
}
