import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestFolder, type TestFolder } from './support/sqlite.js';

const run = promisify(execFile);
// The source of `npm run db:migrate` (which runs the compiled file), without needing a build.
const migrate = (env: Record<string, string | undefined>) =>
  run(process.execPath, ['--import', 'tsx', 'src/modules/db-sqlite/migrate.ts'], { env: { ...process.env, ...env } });
type Failure = { code: number; stderr: string };

describe('npm run db:migrate (SQLite)', () => {
  let folder: TestFolder;
  beforeAll(async () => {
    folder = await createTestFolder();
  });
  afterAll(() => folder?.remove());

  const applied = (path: string) => {
    const client = new Database(path, { readonly: true });
    try {
      return client.prepare('SELECT COUNT(*) AS count, COUNT(DISTINCT hash) AS hashes FROM __drizzle_migrations').get() as { count: number; hashes: number };
    } finally {
      client.close();
    }
  };
  const journalEntries = async () => (JSON.parse(await readFile('drizzle/sqlite/meta/_journal.json', 'utf8')) as { entries: unknown[] }).entries.length;

  it('creates and migrates the SQLITE_PATH file, twice without error, recording each migration once', async () => {
    const path = folder.file('cli.db');
    expect((await migrate({ SQLITE_PATH: path })).stdout.trim()).toBe(`db:migrate: migrations applied to SQLite database ${path} (created)`);
    expect((await migrate({ SQLITE_PATH: path })).stdout.trim()).toBe(`db:migrate: migrations applied to SQLite database ${path}`);
    expect(applied(path)).toEqual({ count: await journalEntries(), hashes: await journalEntries() });
  });

  it('lets two processes migrate one new file at once, applying each migration once', async () => {
    const path = folder.file('race.db');
    await Promise.all([migrate({ SQLITE_PATH: path }), migrate({ SQLITE_PATH: path })]);
    expect(applied(path)).toEqual({ count: await journalEntries(), hashes: await journalEntries() });
  });

  it('exits 1 with one line for :memory:, which has no file to migrate', async () => {
    const error = (await migrate({ SQLITE_PATH: ':memory:' }).catch((e: Failure) => e)) as Failure;
    expect(error.code).toBe(1);
    expect(error.stderr.trim()).toBe("db:migrate failed: SQLITE_PATH is :memory:: the database lives in the app's memory, there is no file to migrate");
  });

  it('exits 1 with one line when the file is not a database', async () => {
    const path = folder.file('notes.txt');
    await writeFile(path, 'not a database\n'.repeat(100));
    const error = (await migrate({ SQLITE_PATH: path }).catch((e: Failure) => e)) as Failure;
    expect(error.code).toBe(1);
    expect(error.stderr.trim()).toBe('db:migrate failed: file is not a database');
    expect(await readFile(path, 'utf8')).toBe('not a database\n'.repeat(100));
  });
});
