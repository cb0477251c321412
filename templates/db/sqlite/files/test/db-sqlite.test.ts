import { readFile, writeFile } from 'node:fs/promises';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import { openDatabase } from '../src/modules/db-sqlite/database.js';
import dbSqlite from '../src/modules/db-sqlite/index.js';
import { testModules } from './support/app.js';
import { captureLogs } from './support/log-capture.js';
import { createTestFolder, type TestFolder } from './support/sqlite.js';

const journalEntries = async () => (JSON.parse(await readFile('drizzle/sqlite/meta/_journal.json', 'utf8')) as { entries: unknown[] }).entries.length;

// The module itself; each resource's repository has its own test (test/features/<resource>/).
describe('db-sqlite', () => {
  const logs = captureLogs();
  let folder: TestFolder;
  const opened: BuiltApp[] = [];
  const open = async (env: Record<string, string> = {}) => {
    const built = await testModules([dbSqlite], { LOG_LEVEL: 'info', ...env }, { logStream: logs.stream });
    opened.push(built);
    return built;
  };
  beforeAll(async () => {
    folder = await createTestFolder();
  });
  afterAll(async () => {
    for (const built of opened) await built.app.close();
    await folder?.remove();
  });

  it('opens a migrated database in memory by default in tests, passes readiness and exposes its connection gauges', async () => {
    const built = await open({ SQLITE_PATH: '' });
    expect(await built.health.readiness()).toMatchObject({ status: 'pass', checks: { sqlite: { status: 'pass' } } });
    const text = await built.ctx.metrics.metrics();
    expect(text).toContain('db_client_connections_usage{pool="sqlite",state="idle"} 1');
    expect(text).toContain('db_client_connections_usage{pool="sqlite",state="used"} 0');
    expect(text).toContain('db_client_connections_max{pool="sqlite"} 1');
    expect(text).toContain('db_client_connections_pending_requests{pool="sqlite"} 0');
  });

  it('creates the file and its folder, in WAL mode with foreign keys on, and migrates it once across restarts', async () => {
    const path = folder.file('nested/dir/app.db');
    const first = await open({ SQLITE_PATH: path });
    await first.app.close();
    const second = await open({ SQLITE_PATH: path });
    await second.app.close();
    expect(logs.lines.filter((line) => line.msg === 'SQLite database opened and migrated' && line.path === path)).toHaveLength(2);
    const client = new Database(path, { readonly: true });
    try {
      expect(client.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(client.prepare('SELECT COUNT(*) AS count FROM __drizzle_migrations').get()).toEqual({ count: await journalEntries() });
    } finally {
      client.close();
    }
  });

  it('turns foreign keys on and syncs every commit, on the connection it opens', () => {
    const db = openDatabase(folder.file('pragmas.db'), 1000);
    try {
      expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.$client.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(db.$client.pragma('busy_timeout', { simple: true })).toBe(1000);
    } finally {
      db.$client.close();
    }
  });

  it('warns that :memory: keeps nothing when a non-test app asks for it', async () => {
    await open({ SQLITE_PATH: ':memory:', NODE_ENV: 'development' });
    expect(logs.lines.filter((line) => line.level === 40 && line.msg === 'SQLITE_PATH is :memory:: records are lost on restart')).toHaveLength(1);
  });

  it('refuses to start on a file that is not a SQLite database, in one line naming the variable', async () => {
    const path = folder.file('README.md');
    await writeFile(path, '# not a database\n'.repeat(100));
    await expect(open({ SQLITE_PATH: path })).rejects.toThrow(`SQLITE_PATH=${path} cannot be opened as a SQLite database: file is not a database`);
    expect(await readFile(path, 'utf8')).toBe('# not a database\n'.repeat(100));
  });

  it('refuses to start where the file cannot be created', async () => {
    const path = folder.file('README.md/app.db'); // a file where the folder should be
    await writeFile(folder.file('README.md'), 'x');
    await expect(open({ SQLITE_PATH: path })).rejects.toThrow(/^SQLITE_PATH=.* cannot be opened as a SQLite database: /);
  });
});
