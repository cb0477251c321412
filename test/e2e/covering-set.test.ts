// The runtime covering set: every pair of option values (each API style its own on/off dimension)
// appears in at least one of these stacks, computed from the catalog, starting from the full stack. Each is installed, built, has
// its own tests run (integration tests against the real services its stack uses), is booted against
// those services and probed, with its worker when it has a queue.
//
// After its tests, each stack is grown the way a user grows one (`groundwork generate`): a resource that
// refers to the sample, a route where it has REST and a job where it has a queue. Rebuilt and migrated,
// it is booted and the new resource is written through one style and read through every other.
//
// Creating a stack (render + npm install) waits mostly on the registry and the disk, so the next
// stack is created while this one builds and runs its tests.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Stack } from '../../src/catalog/types.js';
import { flagsOf } from '../../tools/matrix/run.js';
import { pairwiseStacks } from '../../tools/pairwise.js';
import { categories } from '../../src/catalog/catalog.js';
import { createGroundwork, tempDir, type CliResult } from '../support/cli.js';
import { node24Env } from '../support/node24.js';
import { devToken, postNote, run, scriptCommand } from '../support/project.js';
import { freePort, startProcess, type RunningProcess } from '../support/server.js';
import { createDatabase, createMysqlDatabase, deleteRedisKeys, MYSQL_ADMIN_URL, POSTGRES_ADMIN_URL } from '../support/services.js';
import { postGraphQL } from '../support/graphql.js';
import { subscribeToNotes, subscribeToTopic } from '../support/websocket.js';
import { notesGrpc, type GrpcNote } from '../support/grpc.js';
import { resourceGrpc } from '../support/resource-clients.js';
import { FULL_STACK } from '../support/stacks.js';

const registryEnv = inject('registryEnv');
const SHARED_REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const stacks = pairwiseStacks(categories, [FULL_STACK]);
const timings: string[] = [];

let work: { path: string; cleanup(): Promise<void> };
beforeAll(async () => {
  work = await tempDir('gw-e2e-pairs-');
});
afterAll(async () => {
  console.log(`covering set: ${stacks.length} stacks\n${timings.join('\n')}`);
  await Promise.all(creations.values()); // one may still be installing when a test failed
  await work?.cleanup();
});

const creations = new Map<number, Promise<CliResult>>();
/** `create-groundwork pairs-<i>` with stack i's flags, started once. */
function creation(i: number): Promise<CliResult> | undefined {
  if (i >= stacks.length) return undefined;
  if (!creations.has(i)) creations.set(i, createGroundwork([`pairs-${i}`, ...flagsOf(stacks[i]!).split(' '), '--yes', '--no-git'], work.path, node24Env(registryEnv) as Record<string, string>));
  return creations.get(i);
}

const uses = (stack: Stack, category: string, option: string) => stack[category]?.includes(option) ?? false;

const INVOICE_FIELDS = 'amount:number,status:enum(draft|sent),dueDate:datetime?,note:ref(notes)?';

/** `groundwork generate` from this checkout (the project's own script is tested in resources.test.ts). */
async function grow(project: string, stack: Stack): Promise<void> {
  const generate = (...args: string[]) => run('node', [join(packageRoot, 'bin', 'groundwork.js'), 'generate', ...args], project);
  await generate('resource', 'invoice', '--fields', INVOICE_FIELDS);
  if (uses(stack, 'api', 'rest')) await generate('route', 'daily-report', '--method', 'GET');
  if (uses(stack, 'queue', 'bullmq')) await generate('job', 'send-reminder');
}

type Invoice = { id: string; amount: number; status: string; noteId: string | null };

/** The generated resource written through the first writing style the stack has, read through every other, streamed over WebSocket. */
async function probeGrown(app: RunningProcess, stack: Stack, project: string, grpcPort: number): Promise<void> {
  const token = uses(stack, 'auth', 'jwt') ? await devToken(project) : undefined;
  const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const subscriber = uses(stack, 'api', 'websocket') ? await subscribeToTopic(app.url, 'invoices') : undefined;
  const grpc = uses(stack, 'api', 'grpc') ? resourceGrpc(project, grpcPort, 'invoices', 'InvoicesService') : undefined;
  const input = { amount: 12.5, status: 'sent' };
  try {
    let invoice: Invoice | undefined;
    if (uses(stack, 'api', 'rest')) {
      const created = await fetch(`${app.url}/v1/invoices`, { method: 'POST', headers, body: JSON.stringify(input) });
      expect(created.status, await created.clone().text()).toBe(201);
      invoice = (await created.json()) as Invoice;
      expect(invoice).toMatchObject({ ...input, noteId: null });
      const report = await fetch(`${app.url}/v1/daily-report?message=totals`);
      expect(report.status, await report.clone().text()).toBe(200);
      expect(await report.json()).toMatchObject({ message: 'totals' });
    }
    if (uses(stack, 'api', 'graphql')) {
      if (!invoice) {
        const created = await postGraphQL(app.url, 'mutation { createInvoice(input: { amount: 12.5, status: sent }) { id amount status noteId } }', {}, token);
        expect(created.errors).toBeUndefined();
        invoice = created.data!.createInvoice as Invoice;
      }
      expect(await postGraphQL(app.url, `{ invoice(id: "${invoice.id}") { id amount } }`)).toEqual({ status: 200, data: { invoice: { id: invoice.id, amount: 12.5 } } });
    }
    if (grpc) {
      if (!invoice) invoice = await grpc.call<Invoice>('Create', { amount: 12.5, status: 'STATUS_SENT' }, token);
      expect(await grpc.call<{ id: string; amount: number }>('Get', { id: invoice.id })).toMatchObject({ id: invoice.id, amount: 12.5 });
    }
    if (subscriber && invoice) expect(await subscriber.event((m) => m.type === 'event')).toMatchObject({ event: 'invoice.created', data: { id: invoice.id } });
  } finally {
    subscriber?.close();
    grpc?.close();
  }
}

async function probe(app: RunningProcess, stack: Stack, project: string, grpcPort: number): Promise<void> {
  expect((await fetch(`${app.url}/livez`)).status).toBe(200);
  const ready = await fetch(`${app.url}/readyz`);
  expect(ready.status, await ready.clone().text()).toBe(200);
  expect((await fetch(`${app.url}/metrics`)).status).toBe(200);
  const token = uses(stack, 'auth', 'jwt') ? await devToken(project) : undefined;
  const subscriber = uses(stack, 'api', 'websocket') ? await subscribeToNotes(app.url) : undefined;
  const grpc = uses(stack, 'api', 'grpc') ? notesGrpc(project, grpcPort) : undefined;
  const watcher = await grpc?.watch();
  try {
    // Create through whichever writing style the stack has; a WebSocket-only app streams changes made elsewhere.
    let note: { id: string } | undefined;
    if (uses(stack, 'api', 'rest')) {
      const created = await postNote(app.url, { title: 'pair', body: 'covering set' }, token);
      expect(created.status).toBe(201);
      note = (await created.json()) as { id: string };
      expect((await fetch(`${app.url}/v1/notes/${note.id}`)).status).toBe(200);
    }
    if (uses(stack, 'api', 'graphql')) {
      if (!note) {
        const created = await postGraphQL(app.url, 'mutation { createNote(input: { title: "pair", body: "covering set" }) { id } }', {}, token);
        expect(created.errors).toBeUndefined();
        note = created.data!.createNote as { id: string };
      }
      expect(await postGraphQL(app.url, `{ note(id: "${note.id}") { id } }`)).toEqual({ status: 200, data: { note: { id: note.id } } });
    }
    if (grpc) {
      if (!note) note = await grpc.call<GrpcNote>('Create', { title: 'pair', body: 'covering set' }, token);
      expect(await grpc.call<GrpcNote>('Get', { id: note.id })).toMatchObject({ id: note.id, title: 'pair' });
      expect((await watcher!.next()).id).toBe(note.id);
    }
    if (subscriber && note) expect(await subscriber.event((m) => m.type === 'event')).toMatchObject({ event: 'note.created', data: { id: note.id } });
  } finally {
    subscriber?.close();
    watcher?.close();
    grpc?.close();
  }
}

describe('pairwise covering set, on real services', () => {
  it.each(stacks.map((stack, i) => [flagsOf(stack), stack, i] as const))('%s', async (_flags, stack, i) => {
    let lapStart = performance.now();
    /** Seconds since the previous lap. */
    const lap = () => {
      const seconds = ((performance.now() - lapStart) / 1000).toFixed(0);
      lapStart = performance.now();
      return seconds;
    };
    const creating = creation(i)!;
    void creation(i + 1);
    const created = await creating;
    expect(created.exitCode, created.stderr).toBe(0);
    const project = join(work.path, `pairs-${i}`);
    const installed = lap();

    const database = uses(stack, 'db', 'postgres') ? await createDatabase('gw_pairs') : undefined;
    const mysqlDatabase = uses(stack, 'db', 'mysql') ? await createMysqlDatabase('gw_pairs') : undefined;
    const usesRedis = uses(stack, 'cache', 'redis') || uses(stack, 'queue', 'bullmq');
    const prefix = `gw-pairs-${randomBytes(3).toString('hex')}`;
    const services: Record<string, string> = {
      HOST: '127.0.0.1',
      ...(database ? { DATABASE_URL: database.url } : {}),
      ...(mysqlDatabase ? { MYSQL_URL: mysqlDatabase.url } : {}),
      ...(usesRedis ? { REDIS_URL: SHARED_REDIS, REDIS_KEY_PREFIX: `${prefix}:`, QUEUE_NAME: prefix } : {}),
    };
    const processes: RunningProcess[] = [];
    try {
      await run('npm', ['run', 'build'], project, registryEnv);
      const built = lap();
      const output = await run('npm', ['test'], project, {
        ...registryEnv,
        TEST_DATABASE_URL: POSTGRES_ADMIN_URL,
        TEST_MYSQL_URL: MYSQL_ADMIN_URL,
        TEST_REDIS_URL: SHARED_REDIS,
        REQUIRE_SERVICES: '1',
      });
      // Other stacks skip what they lack (e.g. the PostgreSQL outage test without PostgreSQL); the full stack has everything.
      if (flagsOf(stack) === flagsOf(FULL_STACK)) expect(output).not.toMatch(/skipped/);
      const tested = lap();
      const [port, grpcPort] = [await freePort(), await freePort()];
      /** Migrates, starts the app (and the worker, with a queue), probes it, and stops them: each must exit 0. */
      const bootAndProbe = async (probeApp: (app: RunningProcess) => Promise<void>) => {
        if (database) await run('npm', ['run', 'db:migrate'], project, { DATABASE_URL: database.url });
        if (mysqlDatabase) await run('npm', ['run', 'db:migrate'], project, { MYSQL_URL: mysqlDatabase.url });
        const app = await startProcess(...(await scriptCommand(project, 'start')), { cwd: project, port, env: node24Env({ ...services, PORT: String(port), GRPC_PORT: String(grpcPort) }) });
        processes.push(app);
        if (uses(stack, 'queue', 'bullmq')) {
          const workerPort = await freePort();
          processes.push(await startProcess(...(await scriptCommand(project, 'worker')), { cwd: project, port: workerPort, readyPath: '/readyz', env: node24Env({ ...services, WORKER_PORT: String(workerPort) }) }));
        }
        await probeApp(app);
        for (const process of processes.splice(0)) expect(await process.stop(), process.output().slice(-2000)).toBe(0);
      };
      await bootAndProbe((app) => probe(app, stack, project, grpcPort));
      const probed = lap();

      // Grown: a resource, a route and a job of its own, then built again (the worker starts with the job registered).
      await grow(project, stack);
      // The migration `generate` wrote is the one drizzle-kit would have written.
      if (database || mysqlDatabase || uses(stack, 'db', 'sqlite')) expect(await run('npm', ['run', 'db:generate'], project)).toMatch(/No schema changes, nothing to migrate/);
      await run('npm', ['run', 'build'], project, registryEnv);
      await bootAndProbe((app) => probeGrown(app, stack, project, grpcPort));
      timings.push(`  ${flagsOf(stack)}: waited for create+install ${installed} s, build ${built} s, test ${tested} s, boot+probe ${probed} s, grow+boot+probe ${lap()} s`);
    } finally {
      for (const process of processes) await process.stop();
      await database?.drop();
      await mysqlDatabase?.drop();
      if (usesRedis) await deleteRedisKeys(SHARED_REDIS, [`${prefix}:*`, `bull:${prefix}:*`]);
    }
  });
});
