import { sql } from 'drizzle-orm';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { stdSerializers } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfigFrom } from '../src/core/config.js';
import { HttpProblem } from '../src/core/errors.js';
import type { Db } from '../src/modules/db-postgres/db.js';
import { DatabaseQueryError, DatabaseUnavailableError, RETRY_AFTER_SECONDS } from '../src/core/store-errors.js';
import { guarded, toRepositoryError } from '../src/modules/db-postgres/errors.js';
import { envSpec } from '../src/modules/db-postgres/env.js';
import { openPglite } from '../src/modules/db-postgres/pglite.js';
import { createPool } from '../src/modules/db-postgres/pool.js';
import { createTestDatabase } from './support/postgres.js';
import { describeWithService } from './support/services.js';

const SECRET = 'client-text-that-must-never-be-logged';
const withCode = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), fields);
// What drizzle throws: the SQL and every parameter in the message, the driver error as the cause.
const drizzleFailure = (cause: Error) => new DrizzleQueryError('insert into "notes" ("title") values ($1)', [SECRET], cause);

describe('db-postgres error mapping', () => {
  it.each([
    ['connection refused', withCode('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED' })],
    ['every address refused', new AggregateError([withCode('x', { code: 'ECONNREFUSED' }), withCode('y', { code: 'ECONNREFUSED' })])],
    ['connection reset', withCode('read ECONNRESET', { code: 'ECONNRESET' })],
    ['pool exhausted or connect timeout', new Error('timeout exceeded when trying to connect')],
    ['server went away mid-query', new Error('Connection terminated unexpectedly')],
    ['client-side query timeout', new Error('Query read timeout')],
    ['statement timeout', withCode('canceling statement due to statement timeout', { code: '57014' })],
    ['too many connections', withCode('sorry, too many clients already', { code: '53300' })],
    ['server shutting down', withCode('terminating connection due to administrator command', { code: '57P01' })],
    ['connection failure', withCode('connection failure', { code: '08006' })],
    ['deadlock', withCode('deadlock detected', { code: '40P01' })],
  ])('%s -> 503 with Retry-After, also inside drizzle\'s wrapper', (_case, cause) => {
    for (const error of [cause, drizzleFailure(cause)]) {
      const mapped = toRepositoryError(error);
      expect(mapped).toBeInstanceOf(DatabaseUnavailableError);
      expect(mapped).toMatchObject({ status: 503, options: { headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } } });
      expect(mapped.message).toMatch(/^PostgreSQL unavailable: /);
      expect(JSON.stringify(stdSerializers.err(mapped))).not.toContain(SECRET);
    }
  });

  it('turns any other driver error into a 500 that keeps the SQLSTATE and constraint, not the values', () => {
    const cause = withCode(`duplicate key value violates unique constraint "notes_pkey"`, {
      code: '23505',
      constraint: 'notes_pkey',
      table: 'notes',
      detail: `Key (title)=(${SECRET}) already exists.`,
    });
    const mapped = toRepositoryError(drizzleFailure(cause));
    expect(mapped).toBeInstanceOf(DatabaseQueryError);
    expect(mapped).toMatchObject({ code: '23505', details: { constraint: 'notes_pkey', table: 'notes' }, message: 'PostgreSQL query failed (SQLSTATE 23505, constraint notes_pkey, table notes)' });
    expect(mapped.cause).toBeUndefined();
    expect(JSON.stringify(stdSerializers.err(mapped))).not.toContain(SECRET);
  });

  it('passes problems through and hides errors it does not know', () => {
    const problem = new HttpProblem(400, 'bad cursor');
    expect(toRepositoryError(problem)).toBe(problem);
    const unknown = toRepositoryError(new Error(`something with ${SECRET}`));
    expect(unknown).toBeInstanceOf(DatabaseQueryError);
    expect(unknown.message).toBe('PostgreSQL query failed');
  });

  it('lets the operation say what a foreign key violation means, from the constraint and table alone', () => {
    const cause = withCode('insert or update on table "line_items" violates foreign key constraint "line_items_customer_id_customers_id_fk"', {
      code: '23503',
      constraint: 'line_items_customer_id_customers_id_fk',
      table: 'line_items',
      detail: `Key (customer_id)=(${SECRET}) is not present in table "customers".`,
    });
    const conflict = new HttpProblem(422, 'customerId must be the id of an existing customer');
    const seen: unknown[] = [];
    const onViolation = (violation: unknown) => {
      seen.push(violation);
      return conflict;
    };
    expect(toRepositoryError(drizzleFailure(cause), onViolation)).toBe(conflict);
    expect(seen).toEqual([{ constraint: 'line_items_customer_id_customers_id_fk', table: 'line_items' }]);

    // Without an answer from the operation it is a 500 like any other.
    for (const mapped of [toRepositoryError(drizzleFailure(cause)), toRepositoryError(drizzleFailure(cause), () => undefined)]) {
      expect(mapped).toBeInstanceOf(DatabaseQueryError);
      expect(mapped).toMatchObject({ code: '23503', details: { constraint: 'line_items_customer_id_customers_id_fk', table: 'line_items' } });
    }
  });

  it('never asks about other errors', () => {
    const unique = withCode('duplicate key', { code: '23505', constraint: 'notes_pkey' });
    expect(toRepositoryError(unique, () => new HttpProblem(409, 'no'))).toBeInstanceOf(DatabaseQueryError);
  });
});

/** The pool the module opens for DATABASE_URL. */
const modulePool = (url: string): pg.Pool => createPool({ ...loadConfigFrom(envSpec, { DATABASE_URL: url }), applicationName: 'test' }, url);

/** A query PostgreSQL refuses (NUL in text: every service's rules keep it away), run as repositories run theirs. */
function refusedQueryContract(db: () => Db): void {
  it('fails a query PostgreSQL refuses with a sanitized error: SQLSTATE kept, client text nowhere', async () => {
    const failure = await guarded(() => db().execute(sql`SELECT ${`${SECRET}\u0000`}::text`)).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(DatabaseQueryError);
    expect((failure as DatabaseQueryError).code).toMatch(/^22/); // data exception (invalid byte sequence)
    expect(JSON.stringify(stdSerializers.err(failure as Error))).not.toContain(SECRET);
  });
}

describe('db-postgres errors on embedded PGlite', () => {
  let pglite: Awaited<ReturnType<typeof openPglite>>;
  beforeAll(async () => {
    pglite = await openPglite('memory://');
  });
  afterAll(() => pglite?.close());
  refusedQueryContract(() => pglite.db);
});

describeWithService('TEST_DATABASE_URL', 'db-postgres errors on real PostgreSQL', (adminUrl) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: pg.Pool;
  beforeAll(async () => {
    database = await createTestDatabase(adminUrl);
    pool = modulePool(database.url);
  });
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });
  refusedQueryContract(() => drizzle({ client: pool }));

  it('answers 503 while PostgreSQL is unreachable', async () => {
    const unreachable = new URL(database.url);
    unreachable.port = '1'; // nothing listens there
    const offline = modulePool(unreachable.toString());
    try {
      await expect(guarded(() => drizzle({ client: offline }).execute(sql`SELECT 1`))).rejects.toBeInstanceOf(DatabaseUnavailableError);
    } finally {
      await offline.end();
    }
  });
});
