// Every API style (REST, GraphQL, gRPC, WebSocket) + postgres + redis + jwt + bullmq against the machine's real PostgreSQL and a private
// redis-server: migrations, two app instances and a worker up (its own suite, integration tests
// included, runs in the covering set, whose first stack this is), a
// note created on one instance streamed to WebSocket clients of both, a job processed, a Redis outage
// that fails /readyz (503) while /livez stays 200 until Redis is back, and graceful shutdown.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { flagsOf } from '../../tools/matrix/run.js';
import { createGroundwork, tempDir } from '../support/cli.js';
import { node24Env } from '../support/node24.js';
import { devToken, postNote, run as runCommand, scriptCommand } from '../support/project.js';
import { freePort, startProcess, type RunningProcess } from '../support/server.js';
import { createDatabase, privateRedis, type PrivateRedis } from '../support/services.js';
import { postGraphQL, subscribeNoteCreated } from '../support/graphql.js';
import { subscribeToNotes, type TopicSubscriber } from '../support/websocket.js';
import { notesGrpc, type GrpcNote, type NotesGrpc, type NotesWatch } from '../support/grpc.js';
import { FULL_STACK } from '../support/stacks.js';

const registryEnv = inject('registryEnv');
const run = (command: string, args: string[], cwd: string, env: Record<string, string> = {}) => runCommand(command, args, cwd, { ...registryEnv, ...env });

let work: { path: string; cleanup(): Promise<void> };
let project: string;
let database: { url: string; drop(): Promise<void> };
let redis: PrivateRedis;
let app: RunningProcess;
let secondApp: RunningProcess;
let worker: RunningProcess;
let subscribers: TopicSubscriber[] = [];
let grpcPorts: number[] = [];
let grpcClients: NotesGrpc[] = [];
let shutdownWatch: NotesWatch | undefined;
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
  const created = await createGroundwork(['full-api', ...flagsOf(FULL_STACK).split(' '), '--yes', '--no-git'], work.path, {
    ...(node24Env(registryEnv) as Record<string, string>),
  });
  if (created.exitCode !== 0) throw new Error(created.stderr);
  project = join(work.path, 'full-api');
  database = await createDatabase();
  redis = await privateRedis();
  serviceEnv = { DATABASE_URL: database.url, REDIS_URL: redis.url, HOST: '127.0.0.1', LOG_LEVEL: 'info' };
});

afterAll(async () => {
  for (const subscriber of subscribers) subscriber.close();
  shutdownWatch?.close();
  for (const client of grpcClients) client.close();
  await app?.stop();
  await secondApp?.stop();
  await worker?.stop();
  await redis?.stop();
  await database?.drop();
  await work?.cleanup();
});

describe('full stack on real services', () => {
  it('builds and migrates', async () => {
    await run('npm', ['run', 'build'], project);
    await run('npm', ['run', 'db:migrate'], project, { DATABASE_URL: database.url }); // throws on a non-zero exit
  });

  it('starts the app and the worker against PostgreSQL and Redis, both ready', async () => {
    const [appPort, workerPort] = [await freePort(), await freePort()];
    grpcPorts = [await freePort(), await freePort()];
    app = await startProcess(...(await scriptCommand(project, 'start')), { cwd: project, port: appPort, env: node24Env({ ...serviceEnv, PORT: String(appPort), GRPC_PORT: String(grpcPorts[0]) }) });
    worker = await startProcess(...(await scriptCommand(project, 'worker')), { cwd: project, port: workerPort, env: node24Env({ ...serviceEnv, WORKER_PORT: String(workerPort) }) });
    const ready = (await (await fetch(`${app.url}/readyz`)).json()) as { status: string; checks: Record<string, unknown> };
    expect(ready.status).toBe('pass');
    expect(Object.keys(ready.checks)).toEqual(expect.arrayContaining(['postgres', 'redis']));
    expect((await fetch(`${worker.url}/readyz`)).status).toBe(200);
  });

  it('streams a note created on one instance to WebSocket clients of both (fan-out through Redis)', async () => {
    const port = await freePort();
    secondApp = await startProcess(...(await scriptCommand(project, 'start')), { cwd: project, port, env: node24Env({ ...serviceEnv, PORT: String(port), GRPC_PORT: String(grpcPorts[1]) }) });
    const token = await devToken(project);
    subscribers = [await subscribeToNotes(app.url, { authorization: `Bearer ${token}` }), await subscribeToNotes(secondApp.url)];
    for (const [origin, title] of [[app, 'made on the first'], [secondApp, 'made on the second']] as const) {
      const response = await postNote(origin.url, { title, body: 'fan-out' }, token);
      expect(response.status).toBe(201);
      const note = await response.json();
      for (const subscriber of subscribers) {
        const event = await subscriber.event((m) => m.type === 'event' && (m.data as { id?: string }).id === note.id);
        expect(event).toEqual({ v: 1, type: 'event', topic: 'notes', event: 'note.created', data: note });
      }
    }
    const metrics = await (await fetch(`${secondApp.url}/metrics`)).text();
    expect(metrics).toMatch(/^websocket_connections\{endpoint="\/ws"\} 1$/m);
  });

  it('serves GraphQL on PostgreSQL: a mutation on one instance, a query and a graphql-ws subscription on the other', async () => {
    const token = await devToken(project);
    const subscription = subscribeNoteCreated(secondApp.url);
    try {
      const create = 'mutation Create($input: NoteInput!) { createNote(input: $input) { id title body createdAt updatedAt } }';
      // graphql-ws does not acknowledge a subscription: create notes until the first one arrives.
      const first = subscription.next();
      const created: string[] = [];
      let received: { id: string } | undefined;
      for (let attempt = 0; attempt < 20 && !received; attempt++) {
        const result = await postGraphQL(app.url, create, { input: { title: `graphql ${attempt}`, body: 'e2e' } }, token);
        expect(result.errors).toBeUndefined();
        created.push(result.data!.createNote.id);
        received = await Promise.race([first, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 500))]);
      }
      expect(created).toContain(received?.id);
      const note = (await postGraphQL(app.url, create, { input: { title: 'over graphql', body: 'e2e' } }, token)).data!.createNote;
      expect(await subscription.next()).toEqual({ id: note.id, title: 'over graphql' });

      const read = await postGraphQL(secondApp.url, 'query One($id: ID!) { note(id: $id) { id title body createdAt updatedAt } }', { id: note.id });
      expect(read).toEqual({ status: 200, data: { note } });
      const rest = await (await fetch(`${secondApp.url}/v1/notes/${note.id}`)).json();
      expect(rest).toEqual(note); // one service behind every style
      const anonymous = await postGraphQL(app.url, create, { input: { title: 'no token', body: '' } });
      expect(anonymous.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      const metrics = await (await fetch(`${app.url}/metrics`)).text();
      expect(metrics).toMatch(/^graphql_operations_total\{operation="Create",type="mutation",outcome="ok"\} [1-9]/m);
    } finally {
      await subscription.close();
    }
  });

  it('serves gRPC on PostgreSQL: Create on one instance reaches a Watch on the other, and reads back as REST has it', async () => {
    grpcClients = grpcPorts.map((port) => notesGrpc(project, port));
    const [first, second] = grpcClients as [NotesGrpc, NotesGrpc];
    const token = await devToken(project);
    const watch = await second.watch();
    try {
      const created = await first.call<GrpcNote>('Create', { title: 'over grpc', body: 'e2e' }, token);
      expect((await watch.next()).id).toBe(created.id);
      expect(await second.call<GrpcNote>('Get', { id: created.id })).toEqual(created);
      expect(await (await fetch(`${secondApp.url}/v1/notes/${created.id}`)).json()).toEqual(created); // one service, one shape
      await expect(first.call('Create', { title: 'no token', body: '' })).rejects.toMatchObject({ code: 16, details: 'Authentication required' }); // UNAUTHENTICATED
      const metrics = await (await fetch(`${app.url}/metrics`)).text();
      expect(metrics).toMatch(/^grpc_server_handled_total\{grpc_service="notes.v1.NotesService",grpc_method="Create",grpc_type="unary",grpc_code="OK"\} 1$/m);
    } finally {
      watch.close();
    }
    shutdownWatch = await first.watch(); // ended by the SIGTERM below
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

  it('fans out again once the subscriber connections are back (pub/sub drops what was sent meanwhile)', async () => {
    const token = await devToken(project);
    // The subscriber connection reconnects on its own schedule: retry until a change made on the second
    // instance reaches the first instance's client.
    const delivered = await waitFor('a change to cross instances again', async () => {
      const note = (await (await postNote(secondApp.url, { title: 'after the outage', body: '' }, token)).json()) as { id: string };
      return subscribers[0]!.event((m) => (m.data as { id?: string } | undefined)?.id === note.id, 2000).catch(() => undefined);
    }, 30_000);
    expect(delivered.event).toBe('note.created');
  });

  it('stops the apps and the worker gracefully on SIGTERM: WebSocket clients told 1001 (going away), gRPC watchers UNAVAILABLE', async () => {
    expect(await app.stop(), app.output().slice(-3000)).toBe(0);
    expect(await subscribers[0]!.closed).toEqual({ code: 1001, reason: 'server shutting down' });
    expect(await shutdownWatch!.ended).toEqual({ code: 14, details: 'Server is shutting down; reconnect' }); // UNAVAILABLE
    expect(await secondApp.stop(), secondApp.output().slice(-3000)).toBe(0);
    expect(await subscribers[1]!.closed).toEqual({ code: 1001, reason: 'server shutting down' });
    expect(await worker.stop(), worker.output().slice(-3000)).toBe(0);
  });
});
