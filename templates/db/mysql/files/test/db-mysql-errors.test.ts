import { sql } from 'drizzle-orm';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { drizzle } from 'drizzle-orm/mysql2';
import type { Pool } from 'mysql2/promise';
import { stdSerializers } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfigFrom } from '../src/core/config.js';
import { HttpProblem } from '../src/core/errors.js';
import { DatabaseQueryError, DatabaseUnavailableError, RETRY_AFTER_SECONDS } from '../src/core/store-errors.js';
import { envSpec } from '../src/modules/db-mysql/env.js';
import { guarded, toRepositoryError } from '../src/modules/db-mysql/errors.js';
import { createPool, timedClient } from '../src/modules/db-mysql/pool.js';
import { adminQuery, createTestDatabase, type TestDatabase } from './support/mysql.js';
import { describeWithService } from './support/services.js';

const SECRET = 'client-text-that-must-never-be-logged';
const withCode = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), fields);
// What drizzle throws: the SQL and every parameter in the message, the driver error as the cause.
const drizzleFailure = (cause: Error) => new DrizzleQueryError('insert into `notes` (`title`) values (?)', [SECRET], cause);
const serverError = (code: string, errno: number, sqlMessage: string) => withCode(sqlMessage, { code, errno, sqlState: 'HY000', sqlMessage });
const FK_MESSAGE =
  'a foreign key constraint fails (`app`.`line_items`, CONSTRAINT `line_items_customer_id_customers_id_fk` FOREIGN KEY (`customer_id`) REFERENCES `customers` (`id`))';

describe('db-mysql error mapping', () => {
  it.each([
    ['connection refused', withCode('connect ECONNREFUSED 127.0.0.1:3306', { code: 'ECONNREFUSED' })],
    ['every address refused', new AggregateError([withCode('x', { code: 'ECONNREFUSED' }), withCode('y', { code: 'ECONNREFUSED' })])],
    ['connect timeout', withCode('connect ETIMEDOUT', { code: 'ETIMEDOUT' })],
    ['server went away mid-query', withCode('Connection lost: The server closed the connection.', { code: 'PROTOCOL_CONNECTION_LOST' })],
    ['query timeout (MYSQL_QUERY_TIMEOUT_MS)', withCode('Query inactivity timeout', { code: 'PROTOCOL_SEQUENCE_TIMEOUT' })],
    ['no free connection in time', new Error('timeout exceeded when trying to get a MySQL connection (3000 ms)')],
    ['too many requests waiting', new Error('Queue limit reached.')],
    ['too many connections', serverError('ER_CON_COUNT_ERROR', 1040, 'Too many connections')],
    ['server shutting down', serverError('ER_SERVER_SHUTDOWN', 1053, 'Server shutdown in progress')],
    ['deadlock', serverError('ER_LOCK_DEADLOCK', 1213, 'Deadlock found when trying to get lock; try restarting transaction')],
    ['lock wait timeout', serverError('ER_LOCK_WAIT_TIMEOUT', 1205, 'Lock wait timeout exceeded; try restarting transaction')],
    ['MariaDB statement timeout', serverError('ER_STATEMENT_TIMEOUT', 1969, 'Query execution was interrupted (max_statement_time exceeded)')],
  ])("%s -> 503 with Retry-After, also inside drizzle's wrapper", (_case, cause) => {
    for (const error of [cause, drizzleFailure(cause)]) {
      const mapped = toRepositoryError(error);
      expect(mapped).toBeInstanceOf(DatabaseUnavailableError);
      expect(mapped).toMatchObject({ status: 503, options: { headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } } });
      expect(mapped.message).toMatch(/^MySQL unavailable: /);
      expect(JSON.stringify(stdSerializers.err(mapped))).not.toContain(SECRET);
    }
  });

  it('turns any other server error into a 500 that keeps the code, not the values', () => {
    const mapped = toRepositoryError(drizzleFailure(serverError('ER_DUP_ENTRY', 1062, `Duplicate entry '${SECRET}' for key 'PRIMARY'`)));
    expect(mapped).toBeInstanceOf(DatabaseQueryError);
    expect(mapped).toMatchObject({ code: 'ER_DUP_ENTRY', details: {}, message: 'MySQL query failed (ER_DUP_ENTRY 1062)' });
    expect(mapped.cause).toBeUndefined();
    expect(JSON.stringify(stdSerializers.err(mapped))).not.toContain(SECRET);
  });

  it('passes problems through and hides errors it does not know', () => {
    const problem = new HttpProblem(400, 'bad cursor');
    expect(toRepositoryError(problem)).toBe(problem);
    const unknown = toRepositoryError(new Error(`something with ${SECRET}`));
    expect(unknown).toBeInstanceOf(DatabaseQueryError);
    expect(unknown.message).toBe('MySQL query failed');
  });

  it('lets the operation say what a foreign key violation means, from the constraint and table in the message', () => {
    const cause = serverError('ER_NO_REFERENCED_ROW_2', 1452, `Cannot add or update a child row: ${FK_MESSAGE}`);
    const missing = new HttpProblem(422, 'customerId must be the id of an existing customer');
    const seen: unknown[] = [];
    const onViolation = (violation: unknown) => {
      seen.push(violation);
      return missing;
    };
    expect(toRepositoryError(drizzleFailure(cause), onViolation)).toBe(missing);
    expect(seen).toEqual([{ constraint: 'line_items_customer_id_customers_id_fk', table: 'line_items' }]);

    // Without an answer from the operation it is a 500 like any other.
    const mapped = toRepositoryError(drizzleFailure(cause), () => undefined);
    expect(mapped).toBeInstanceOf(DatabaseQueryError);
    expect(mapped).toMatchObject({ code: 'ER_NO_REFERENCED_ROW_2', details: { constraint: 'line_items_customer_id_customers_id_fk', table: 'line_items' } });
  });

  it('asks about a delete of a referenced row too, and never about other errors', () => {
    const referenced = serverError('ER_ROW_IS_REFERENCED_2', 1451, `Cannot delete or update a parent row: ${FK_MESSAGE}`);
    const seen: unknown[] = [];
    toRepositoryError(referenced, (violation) => void seen.push(violation));
    expect(seen).toEqual([{ constraint: 'line_items_customer_id_customers_id_fk', table: 'line_items' }]);
    const duplicate = serverError('ER_DUP_ENTRY', 1062, "Duplicate entry 'x' for key 'PRIMARY'");
    expect(toRepositoryError(duplicate, () => new HttpProblem(409, 'no'))).toBeInstanceOf(DatabaseQueryError);
  });
});

/** The pool and client the module opens for MYSQL_URL. */
function moduleClient(url: string, env: Record<string, string> = {}): { pool: Pool; client: Pool } {
  const config = loadConfigFrom(envSpec, { MYSQL_URL: url, ...env });
  const pool = createPool(config, url);
  return { pool, client: timedClient(pool, config.MYSQL_QUERY_TIMEOUT_MS) };
}

describeWithService('TEST_MYSQL_URL', 'db-mysql errors on a real server', (adminUrl) => {
  let database: TestDatabase;
  let opened: ReturnType<typeof moduleClient>;
  beforeAll(async () => {
    database = await createTestDatabase(adminUrl);
    opened = moduleClient(database.url, { MYSQL_QUERY_TIMEOUT_MS: '300', MYSQL_POOL_MAX: '1' });
  });
  afterAll(async () => {
    await opened?.pool.end();
    await database?.drop();
  });

  it('fails a query the server refuses with a sanitized error: code kept, client text nowhere', async () => {
    const db = drizzle({ client: opened.client });
    const failure = await guarded(() => db.execute(sql`SELECT * FROM ${sql.identifier(SECRET)}`)).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(DatabaseQueryError);
    expect((failure as DatabaseQueryError).code).toBe('ER_NO_SUCH_TABLE');
    expect(JSON.stringify(stdSerializers.err(failure as Error))).not.toContain(SECRET);
  });

  it('times a slow query out with a 503 and closes its connection, so the next query gets a fresh one', async () => {
    const db = drizzle({ client: opened.client });
    const [[before]] = (await opened.client.query('SELECT CONNECTION_ID() AS id')) as unknown as [[{ id: number }]];
    await expect(guarded(() => db.execute(sql`SELECT SLEEP(5)`))).rejects.toMatchObject({ status: 503, reason: 'PROTOCOL_SEQUENCE_TIMEOUT' });
    // The pool has one connection: had the timed-out one stayed, this would wait for the sleep to end.
    const [[after]] = (await opened.client.query('SELECT CONNECTION_ID() AS id')) as unknown as [[{ id: number }]];
    expect(after!.id).not.toBe(before!.id);
    await adminQuery(adminUrl, `KILL ${before!.id}`).catch(() => {}); // the server's side of the sleep
  });

  it('answers 503 while the server is unreachable', async () => {
    const unreachable = new URL(database.url);
    unreachable.port = '1'; // nothing listens there
    const offline = moduleClient(unreachable.toString());
    try {
      await expect(guarded(() => drizzle({ client: offline.client }).execute(sql`SELECT 1`))).rejects.toBeInstanceOf(DatabaseUnavailableError);
    } finally {
      await offline.pool.end();
    }
  });
});
