import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { migrateMysql } from '../src/modules/db-mysql/migrate-mysql.js';
import { adminQuery, createTestDatabase } from './support/mysql.js';
import { describeWithService } from './support/services.js';

const run = promisify(execFile);
// The source of `npm run db:migrate` (which runs the compiled file), without needing a build.
const migrate = (env: Record<string, string | undefined>) =>
  run(process.execPath, ['--import', 'tsx', 'src/modules/db-mysql/migrate.ts'], { env: { ...process.env, ...env } });
type Failure = { code: number; stderr: string };

describe('npm run db:migrate failures (MySQL)', () => {
  it('exits 1 with one line when MYSQL_URL is not set', async () => {
    const error = (await migrate({ MYSQL_URL: '' }).catch((e: Failure) => e)) as Failure;
    expect(error.code).toBe(1);
    expect(error.stderr.trim()).toBe('db:migrate failed: MYSQL_URL is not set');
  });

  it.each([
    ['postgres://postgres@127.0.0.1:5432/app', 'db:migrate failed: MYSQL_URL must be a mysql:// URL (or memory://), not postgres://'],
    ['memory://', 'db:migrate failed: MYSQL_URL is memory://: records are kept in memory, there is no database to migrate'],
  ])('exits 1 with one line for MYSQL_URL=%s', async (url, line) => {
    const error = (await migrate({ MYSQL_URL: url }).catch((e: Failure) => e)) as Failure;
    expect(error.code).toBe(1);
    expect(error.stderr.trim()).toBe(line);
  });

  it('exits 1 with one line when the server cannot be reached', async () => {
    const error = (await migrate({ MYSQL_URL: 'mysql://root@127.0.0.1:1/nope' }).catch((e: Failure) => e)) as Failure;
    expect(error.code).toBe(1);
    expect(error.stderr.trim().split('\n')).toHaveLength(1);
    expect(error.stderr).toMatch(/^db:migrate failed: .*ECONNREFUSED/);
  });
});

describeWithService('TEST_MYSQL_URL', 'npm run db:migrate (real MySQL)', (adminUrl) => {
  it('migrates the database named by MYSQL_URL, twice without error, and records each migration once', async () => {
    const database = await createTestDatabase(adminUrl);
    try {
      expect((await migrate({ MYSQL_URL: database.url })).stdout).toContain('migrations applied');
      expect((await migrate({ MYSQL_URL: database.url })).stdout).toContain('migrations applied');
      const name = new URL(database.url).pathname.slice(1);
      const applied = (await adminQuery(adminUrl, `SELECT COUNT(*) AS count FROM \`${name}\`.__drizzle_migrations`)) as [{ count: number }];
      const journal = JSON.parse(await readFile('drizzle/mysql/meta/_journal.json', 'utf8')) as { entries: unknown[] };
      expect(Number(applied[0].count)).toBe(journal.entries.length);
    } finally {
      await database.drop();
    }
  });

  it('lets two migrations at once apply each migration once', async () => {
    const database = await createTestDatabase(adminUrl);
    try {
      await Promise.all([migrateMysql(database.url), migrateMysql(database.url)]);
      const name = new URL(database.url).pathname.slice(1);
      const applied = (await adminQuery(adminUrl, `SELECT COUNT(*) AS count, COUNT(DISTINCT hash) AS distinct_count FROM \`${name}\`.__drizzle_migrations`)) as [{ count: number; distinct_count: number }];
      expect(Number(applied[0].count)).toBe(Number(applied[0].distinct_count));
    } finally {
      await database.drop();
    }
  });

  it('refuses a database whose default character set is not utf8mb4, naming the fix', async () => {
    const database = await createTestDatabase(adminUrl, 'latin1');
    try {
      const error = (await migrate({ MYSQL_URL: database.url }).catch((e: Failure) => e)) as Failure;
      expect(error.code).toBe(1);
      expect(error.stderr.trim()).toMatch(/^db:migrate failed: database "test_[0-9a-f]+" has the default character set latin1, .*ALTER DATABASE `test_[0-9a-f]+` CHARACTER SET utf8mb4/);
    } finally {
      await database.drop();
    }
  });
});
