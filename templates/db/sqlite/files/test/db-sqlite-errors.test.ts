// The error mapping, on errors SQLite really raises (it runs in-process, so each can be provoked).
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { stdSerializers } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpProblem } from '../src/core/errors.js';
import { DatabaseQueryError, DatabaseUnavailableError, RETRY_AFTER_SECONDS } from '../src/core/store-errors.js';
import { openDatabase, type SqliteDatabase } from '../src/modules/db-sqlite/database.js';
import { guarded, toRepositoryError } from '../src/modules/db-sqlite/errors.js';
import { createTestFolder, type TestFolder } from './support/sqlite.js';

const SECRET = 'client-text-that-must-never-be-logged';

/** What `run` threw (drizzle's error around better-sqlite3's SqliteError). */
function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the statement to fail');
}

describe('db-sqlite error mapping', () => {
  let folder: TestFolder;
  let db: SqliteDatabase;
  beforeAll(async () => {
    folder = await createTestFolder();
    db = openDatabase(folder.file('errors.db'), 50);
    db.run(sql`CREATE TABLE parents (id text PRIMARY KEY)`);
    db.run(sql`CREATE TABLE children (id text PRIMARY KEY, parent_id text REFERENCES parents(id) ON DELETE RESTRICT)`);
  });
  afterAll(async () => {
    db?.$client.close();
    await folder?.remove();
  });

  const expectUnavailable = (error: unknown, reason: RegExp) => {
    const mapped = toRepositoryError(error);
    expect(mapped).toBeInstanceOf(DatabaseUnavailableError);
    expect(mapped).toMatchObject({ status: 503, options: { headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } } });
    expect(mapped.message).toMatch(reason);
    expect(JSON.stringify(stdSerializers.err(mapped))).not.toContain(SECRET);
  };

  it('another connection holding the write lock past the busy timeout -> 503', () => {
    const other = openDatabase(folder.file('errors.db'), 50);
    other.$client.exec('BEGIN IMMEDIATE');
    try {
      expectUnavailable(
        thrownBy(() => db.run(sql`INSERT INTO parents VALUES (${SECRET})`)),
        /^SQLite unavailable: SQLITE_BUSY/,
      );
    } finally {
      other.$client.exec('ROLLBACK');
      other.$client.close();
    }
  });

  it('a file that cannot be written (read-only volume) -> 503', () => {
    const client = new Database(folder.file('errors.db'), { readonly: true });
    try {
      const error = thrownBy(() => client.prepare('INSERT INTO parents VALUES (?)').run(SECRET));
      expect(error).toMatchObject({ code: 'SQLITE_READONLY' });
      expect(toRepositoryError(error)).toBeInstanceOf(DatabaseUnavailableError);
    } finally {
      client.close();
    }
  });

  it('a closed connection (shutdown) -> 503', () => {
    const closed = openDatabase(':memory:', 50);
    closed.$client.close();
    expect(toRepositoryError(thrownBy(() => closed.run(sql`SELECT 1`)))).toBeInstanceOf(DatabaseUnavailableError);
  });

  it("turns a foreign key violation (RESTRICT reports it as SQLITE_CONSTRAINT_TRIGGER) into the operation's problem, or a 500 without one", () => {
    db.run(sql`INSERT INTO parents VALUES ('p')`);
    db.run(sql`INSERT INTO children VALUES ('c', 'p')`);
    const error = thrownBy(() => db.run(sql`DELETE FROM parents WHERE id = 'p'`));
    const problem = new HttpProblem(409, 'still referenced');
    expect(toRepositoryError(error, () => problem)).toBe(problem);
    expect(toRepositoryError(error)).toMatchObject({ code: 'SQLITE_CONSTRAINT_TRIGGER', message: 'SQLite query failed (SQLITE_CONSTRAINT_TRIGGER)' });
    const insert = thrownBy(() => db.run(sql`INSERT INTO children VALUES ('d', 'no-such-parent')`));
    expect(toRepositoryError(insert, () => problem)).toBe(problem);
    expect(toRepositoryError(insert)).toMatchObject({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' });
  });

  it('turns any other failure into a 500 that keeps the result code, not the values or the SQL', () => {
    db.run(sql`INSERT INTO parents VALUES (${SECRET})`);
    const mapped = toRepositoryError(thrownBy(() => db.run(sql`INSERT INTO parents VALUES (${SECRET})`)));
    expect(mapped).toBeInstanceOf(DatabaseQueryError);
    expect(mapped).toMatchObject({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY', message: 'SQLite query failed (SQLITE_CONSTRAINT_PRIMARYKEY)' });
    expect(JSON.stringify(stdSerializers.err(mapped))).not.toContain(SECRET);
    expect(JSON.stringify(stdSerializers.err(mapped))).not.toContain('INSERT');
  });

  it('passes problems through and hides errors it does not know', async () => {
    const problem = new HttpProblem(400, 'bad cursor');
    expect(toRepositoryError(problem)).toBe(problem);
    const unknown = toRepositoryError(new Error(`something with ${SECRET}`));
    expect(unknown).toMatchObject({ message: 'SQLite query failed' });
    await expect(guarded(async () => db.run(sql`SELECT * FROM no_such_table`))).rejects.toMatchObject({ message: 'SQLite query failed (SQLITE_ERROR)' });
  });
});
