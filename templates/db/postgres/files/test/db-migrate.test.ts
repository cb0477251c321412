import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from './support/postgres.js';
import { describeWithService } from './support/services.js';

const run = promisify(execFile);
// The source of `npm run db:migrate` (which runs the compiled file), without needing a build.
const migrate = (env: Record<string, string | undefined>) =>
  run(process.execPath, ['--import', 'tsx', 'src/modules/db-postgres/migrate.ts'], { env: { ...process.env, ...env } });
type Failure = { code: number; stderr: string };

describe('npm run db:migrate failures', () => {
  it('exits 1 with one line when DATABASE_URL is not set', async () => {
    const error = (await migrate({ DATABASE_URL: '' }).catch((e: Failure) => e)) as Failure;
    expect(error.code).toBe(1);
    expect(error.stderr.trim()).toMatch(/^db:migrate failed: DATABASE_URL is not set/);
  });

  it('exits 1 with one line when the database cannot be reached', async () => {
    const error = (await migrate({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nope' }).catch((e: Failure) => e)) as Failure;
    expect(error.code).toBe(1);
    expect(error.stderr.trim().split('\n')).toHaveLength(1);
    expect(error.stderr).toMatch(/^db:migrate failed: .*ECONNREFUSED/);
  });
});

describeWithService('TEST_DATABASE_URL', 'npm run db:migrate (real PostgreSQL)', (adminUrl) => {
  it('migrates the database named by DATABASE_URL, twice without error', async () => {
    const database = await createTestDatabase(adminUrl);
    try {
      expect((await migrate({ DATABASE_URL: database.url })).stdout).toContain('migrations applied');
      expect((await migrate({ DATABASE_URL: database.url })).stdout).toContain('migrations applied');
    } finally {
      await database.drop();
    }
  });
});
