import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('worker process (src/worker.ts)', () => {
  it('exits 1 with one line when REDIS_URL is not set: jobs then run in the API process', async () => {
    const error = (await run(process.execPath, ['--import', 'tsx', 'src/worker.ts'], { env: { ...process.env, REDIS_URL: '' } }).catch(
      (e: unknown) => e,
    )) as { code: number; stderr: string };
    expect(error.code).toBe(1);
    expect(error.stderr.trim().split('\n')).toHaveLength(1);
    expect(error.stderr).toMatch(/REDIS_URL is not set.*in-process in the API server/);
  });
});
