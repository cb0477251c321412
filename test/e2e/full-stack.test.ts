// postgres + redis + jwt + bullmq against the machine's real PostgreSQL and a private redis-server:
// migrations, the project's own integration tests, app and worker up, a job processed, and a Redis
// outage that fails /readyz (503) while /livez stays 200, until Redis is back.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createGroundwork, tempDir } from '../support/cli.js';
import { node24Env } from '../support/node24.js';
import { devToken, postNote, run as runCommand, scriptCommand } from '../support/project.js';
import { freePort, startProcess, type RunningProcess } from '../support/server.js';
import { createDatabase, POSTGRES_ADMIN_URL, privateRedis, type PrivateRedis } from '../support/services.js';

const registryEnv = inject('registryEnv');
const run = (command: string, args: string[], cwd: string, env: Record<string, string> = {}) => runCommand(command, args, cwd, { ...registryEnv, ...env });

let work: { path: string; cleanup(): Promise<void> };
let project: string;
let database: { url: string; drop(): Promise<void> };
let redis: PrivateRedis;
let app: RunningProcess;
let worker: RunningProcess;
let serviceEnv: Record<string, string>;

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const readyStatus = async () => (await fetch(`${app.url}/readyz`)).status;

beforeAll(async () => {
  work = await tempDir('gw-e2e-full-');
  const created = await createGroundwork(['full-api', '--db', 'postgres', '--cache', 'redis', '--auth', 'jwt', '--queue', 'bullmq', '--yes', '--no-git'], work.path, {
    ...(node24Env(registryEnv) as Record<string, string>),
  });
  if (created.exitCode !== 0) throw new Error(created.stderr);
  project = join(work.path, 'full-api');
  database = await createDatabase();
  redis = await privateRedis();
  serviceEnv = { DATABASE_URL: database.url, REDIS_URL: redis.url, HOST: '127.0.0.1', LOG_LEVEL: 'info' };
});

afterAll(async () => {
  await app?.stop();
  await worker?.stop();
  await redis?.stop();
  await database?.drop();
  await work?.cleanup();
});

describe('full stack on real services', () => {
  it('builds, migrates and passes its own tests including the integration ones', async () => {
    await run('npm', ['run', 'build'], project);
    await run('npm', ['run', 'db:migrate'], project, { DATABASE_URL: database.url });
    const output = await run('npm', ['test'], project, { TEST_DATABASE_URL: POSTGRES_ADMIN_URL, TEST_REDIS_URL: redis.url, REQUIRE_SERVICES: '1' });
    expect(output).toMatch(/Tests\s+\d+ passed/);
    expect(output).not.toMatch(/skipped/);
  });

  it('starts the app and the worker against PostgreSQL and Redis, both ready', async () => {
    const [appPort, workerPort] = [await freePort(), await freePort()];
    app = await startProcess(...(await scriptCommand(project, 'start')), { cwd: project, port: appPort, env: node24Env({ ...serviceEnv, PORT: String(appPort) }) });
    worker = await startProcess(...(await scriptCommand(project, 'worker')), { cwd: project, port: workerPort, env: node24Env({ ...serviceEnv, WORKER_PORT: String(workerPort) }) });
    const ready = (await (await fetch(`${app.url}/readyz`)).json()) as { status: string; checks: Record<string, unknown> };
    expect(ready.status).toBe('pass');
    expect(Object.keys(ready.checks)).toEqual(expect.arrayContaining(['postgres', 'redis']));
    expect((await fetch(`${worker.url}/readyz`)).status).toBe(200);
  });

  it('processes the job of a created note in the worker, once, with a JSON log line', async () => {
    const response = await postNote(app.url, { title: 'Queued', body: 'one two three four' }, await devToken(project));
    expect(response.status).toBe(201);
    const note = (await response.json()) as { id: string };
    const line = await waitFor('the worker to complete the job', async () =>
      worker
        .output()
        .split('\n')
        .find((l) => l.includes(note.id) && l.includes('completed')),
    );
    expect(() => JSON.parse(line)).not.toThrow();
    const metrics = await (await fetch(`${worker.url}/metrics`)).text();
    expect(metrics).toMatch(/queue_jobs_processed_total\{[^}]*result="completed"[^}]*\} [1-9]/);
  });

  it('fails readiness (503) but not liveness while Redis is down, and recovers when it returns', async () => {
    await redis.stop();
    await waitFor('/readyz to fail', async () => ((await readyStatus()) === 503 ? true : undefined));
    expect((await fetch(`${app.url}/livez`)).status).toBe(200);
    const report = (await (await fetch(`${app.url}/readyz`)).json()) as { status: string; checks: Record<string, unknown> };
    expect(report.status).toBe('fail');
    await redis.start();
    await waitFor('/readyz to pass again', async () => ((await readyStatus()) === 200 ? true : undefined), 30_000);
  });

  it('stops app and worker gracefully on SIGTERM', async () => {
    expect(await app.stop(), app.output().slice(-3000)).toBe(0);
    expect(await worker.stop(), worker.output().slice(-3000)).toBe(0);
  });
});
