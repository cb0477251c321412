// What a failed store operation becomes, whichever store: drivers put the query, its parameters and
// server messages that quote values into their errors, so none of them is ever rethrown or logged.
// Each db module classifies its driver's errors (its errors.ts) into these.
import { HttpProblem } from './errors.js';

/** Seconds a client should wait before retrying while a store is unreachable. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * 503: the store is unreachable, refused the connection, timed out, or its pool is exhausted. Clients
 * get the problem's detail; the log line gets the message, which names the store and the reason.
 */
export class DatabaseUnavailableError extends HttpProblem {
  constructor(
    readonly store: string,
    readonly reason: string,
  ) {
    super(503, 'The database is unavailable; retry later.', { title: 'Service Unavailable', headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } });
    this.name = 'DatabaseUnavailableError';
    this.message = `${store} unavailable: ${reason}`;
  }
}

/** Any other failed query: a 500 whose log line names the store's error code and schema names, never values. */
export class DatabaseQueryError extends Error {
  override name = 'DatabaseQueryError';
  constructor(
    store: string,
    /** The store's code ("23505", "ER_DUP_ENTRY"); `label` is how the message spells it ("SQLSTATE 23505"). */
    readonly code: string | undefined,
    readonly details: { constraint?: string; table?: string; column?: string },
    label = code,
  ) {
    const names = Object.entries(details).map(([key, value]) => `${key} ${value}`);
    super(`${store} query failed${label ? ` (${[label, ...names].join(', ')})` : ''}`);
  }
}

/** A foreign key refused a write or a delete: the constraint and the referencing table, never the values. */
export interface ForeignKeyViolation {
  constraint: string | undefined;
  table: string | undefined;
}

/** The client error a foreign key violation means to one operation; undefined leaves it a 500. */
export type ForeignKeyProblem = (violation: ForeignKeyViolation) => HttpProblem | undefined;

/** For deletes: the 409 naming the table whose rows still reference the one being deleted. */
export const stillReferenced =
  (label: string, id: string): ForeignKeyProblem =>
  ({ table }) =>
    new HttpProblem(409, `${label} ${id} is still referenced by ${table === undefined ? 'other records' : table.replaceAll('_', ' ')}`);

/** What drivers put on their errors, as far as classifying them goes. */
export interface DriverError {
  code?: unknown;
  errno?: unknown;
  message?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  sqlMessage?: unknown;
  cause?: unknown;
  errors?: unknown; // AggregateError: one per address tried (e.g. ::1 and 127.0.0.1)
}

export const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

/** The driver error inside an ORM's wrapper (and any further causes), outermost first. */
export function* errorChain(error: unknown): Generator<DriverError> {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const e = current as DriverError;
    yield e;
    if (Array.isArray(e.errors)) yield* e.errors.flatMap((inner) => [...errorChain(inner)]);
    current = e.cause;
  }
}

/** What says a store is unreachable rather than a query wrong: error codes, and fixed messages of errors without one. */
export interface UnavailableSigns {
  codes: ReadonlySet<string>;
  /** Codes of a class, e.g. PostgreSQL's SQLSTATE 08xxx. */
  codePattern?: RegExp;
  messages: readonly string[];
}

/** Node's socket errors: every store's driver passes them on when the server cannot be reached. */
export const SOCKET_ERRORS = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN'] as const;

/** The 503 for the first error of the chain that shows a sign of the store being unavailable, if any. */
export function unavailableError(store: string, errors: readonly DriverError[], signs: UnavailableSigns): DatabaseUnavailableError | undefined {
  for (const e of errors) {
    const code = text(e.code);
    const message = text(e.message);
    const reason = code && (signs.codes.has(code) || signs.codePattern?.test(code)) ? code : message && signs.messages.find((m) => message.includes(m));
    if (reason) return new DatabaseUnavailableError(store, reason);
  }
  return undefined;
}

/** Runs one repository operation, rethrowing its failure as `toError` maps it. */
export async function guardedBy<T>(operation: () => Promise<T>, toError: (error: unknown) => Error): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toError(error);
  }
}
