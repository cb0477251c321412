import { DrizzleQueryError } from 'drizzle-orm/errors';
import { stdSerializers } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import { HttpProblem } from '../src/core/errors.js';
import type { NotesRepository } from '../src/core/ports.js';
import { DatabaseQueryError, DatabaseUnavailableError, RETRY_AFTER_SECONDS, toRepositoryError } from '../src/modules/db-postgres/errors.js';
import dbPostgres from '../src/modules/db-postgres/index.js';
import { testModules } from './support/app.js';
import { createMigratedTestDatabase } from './support/postgres.js';
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
});

/** A query PostgreSQL refuses, sent past the notes service (whose rules keep NUL away). */
function refusedQueryContract(repo: () => NotesRepository): void {
  it('fails a query PostgreSQL refuses with a sanitized error: SQLSTATE kept, client text nowhere', async () => {
    const failure = await repo()
      .create({ title: `${SECRET}\u0000`, body: SECRET })
      .then(
        () => undefined,
        (err: unknown) => err,
      );
    expect(failure).toBeInstanceOf(DatabaseQueryError);
    expect((failure as DatabaseQueryError).code).toMatch(/^22/); // data exception (invalid byte sequence)
    expect(JSON.stringify(stdSerializers.err(failure as Error))).not.toContain(SECRET);
  });
}

describe('db-postgres errors on embedded PGlite', () => {
  let built: BuiltApp;
  beforeAll(async () => {
    built = await testModules([dbPostgres]);
  });
  afterAll(() => built?.app.close());
  refusedQueryContract(() => built.ctx.ports.notes as NotesRepository);
});

describeWithService('TEST_DATABASE_URL', 'db-postgres errors on real PostgreSQL', (adminUrl) => {
  let database: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  let built: BuiltApp;
  beforeAll(async () => {
    database = await createMigratedTestDatabase(adminUrl);
    built = await testModules([dbPostgres], { DATABASE_URL: database.url });
  });
  afterAll(async () => {
    await built?.app.close();
    await database?.drop();
  });
  refusedQueryContract(() => built.ctx.ports.notes as NotesRepository);

  it('answers 503 while PostgreSQL is unreachable', async () => {
    const unreachable = new URL(database.url);
    unreachable.port = '1'; // nothing listens there
    const offline = await testModules([dbPostgres], { DATABASE_URL: unreachable.toString() });
    try {
      await expect((offline.ctx.ports.notes as NotesRepository).list({ limit: 1 })).rejects.toBeInstanceOf(DatabaseUnavailableError);
    } finally {
      await offline.app.close();
    }
  });
});
