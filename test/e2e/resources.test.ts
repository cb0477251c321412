// A project grown the way users grow one: generated with every API style, installed from the registry,
// then through its own `npm run groundwork` script and plop (`npx plop resource …`, no prompts) a
// resource with every field type (and refs) beside the sample, then a Redis cache and a BullMQ queue
// added, then a job and a route of its own through `npm run generate`. It type-checks, lints, passes its
// own tests on real PostgreSQL and Redis, and serves both resources on every style and its route.
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createGroundwork, tempDir } from '../support/cli.js';
import { postGraphQL } from '../support/graphql.js';
import { node24Env } from '../support/node24.js';
import { devToken, run as runCommand, scriptCommand } from '../support/project.js';
import { resourceGrpc, type ResourceGrpc } from '../support/resource-clients.js';
import { freePort, startProcess, type RunningProcess } from '../support/server.js';
import { createDatabase, POSTGRES_ADMIN_URL, privateRedis, type PrivateRedis } from '../support/services.js';
import { subscribeToTopic, type TopicSubscriber } from '../support/websocket.js';

const registryEnv = inject('registryEnv');
const run = (command: string, args: string[], cwd: string, env: Record<string, string> = {}) => runCommand(command, args, cwd, { ...registryEnv, ...env });

const INVOICE_FIELDS =
  'amount:number,paid:boolean,dueDate:datetime?,status:enum(draft|sent|paid),count:integer,memo:text?,external:uuid?,label:string,customer:ref(customers),referrer:ref(customers)?';

let work: { path: string; cleanup(): Promise<void> };
let project: string;
let database: { url: string; drop(): Promise<void> };
let redis: PrivateRedis;
const processes: RunningProcess[] = [];
let subscriber: TopicSubscriber | undefined;
let grpc: ResourceGrpc | undefined;

beforeAll(async () => {
  work = await tempDir('gw-e2e-resources-');
  const created = await createGroundwork(['grown-api', '--api', 'rest,graphql,grpc,websocket', '--db', 'postgres', '--cache', 'none', '--auth', 'jwt', '--queue', 'none', '--yes', '--no-git'], work.path, {
    ...(node24Env(registryEnv) as Record<string, string>),
  });
  if (created.exitCode !== 0) throw new Error(created.stderr);
  project = join(work.path, 'grown-api');
  database = await createDatabase('gw_e2e_resources');
  redis = await privateRedis();
});

afterAll(async () => {
  subscriber?.close();
  grpc?.close();
  for (const process of processes) await process.stop();
  await redis?.stop();
  await database?.drop();
  await work?.cleanup();
});

describe('a project grown with resources, then a cache and a queue', () => {
  it('generates resources through its own groundwork script and plop; drizzle-kit finds nothing left to migrate', async () => {
    await run('npm', ['run', 'groundwork', '--', 'generate', 'resource', 'customer'], project);
    const generated = await run('npx', ['plop', 'resource', 'invoice', INVOICE_FIELDS], project);
    expect(generated).toContain('groundwork resource invoices:');
    expect(generated).toContain('+ src/features/invoices/service.ts');
    // plop reports groundwork's refusal and fails.
    const refused = await execa('npx', ['plop', 'resource', 'class', 'name:string'], { cwd: project, env: node24Env(registryEnv), all: true, reject: false, stdin: 'ignore' });
    expect(refused.exitCode).toBe(1);
    expect(refused.all).toContain('Resource name "class" is reserved in JavaScript/TypeScript');
    const drizzle = await run('npm', ['run', 'db:generate'], project);
    expect(drizzle).toMatch(/No schema changes, nothing to migrate/);
  });

  it('adds a Redis cache and a BullMQ queue afterwards, rendering them for every resource', async () => {
    await run('npm', ['run', 'groundwork', '--', 'add', 'cache', 'redis'], project);
    await run('npm', ['run', 'groundwork', '--', 'add', 'queue', 'bullmq'], project);
    const info = JSON.parse(await run('npm', ['run', '--silent', 'groundwork', '--', 'info', '--json'], project)) as { resources: { name: string }[]; stack: Record<string, string[]> };
    expect(info.resources.map((r) => r.name)).toEqual(['notes', 'customers', 'invoices']);
    expect(info.stack).toMatchObject({ cache: ['redis'], queue: ['bullmq'] });
    // Every install script in the tree (esbuild, buf, msgpackr-extract, protobufjs) has its allowScripts entry.
    expect(await run('npm', ['install', '--no-audit', '--no-fund'], project)).not.toMatch(/allowScripts|install-scripts/);
  });

  it("generates a job for the new queue and a route through plop's generators (npm run generate)", async () => {
    expect(await run('npm', ['run', 'generate', '--', 'job', 'send-reminder'], project)).toContain('+ src/jobs/send-reminder.ts');
    expect(await run('npm', ['run', 'generate', '--', 'route', 'daily-report', 'POST'], project)).toContain('+ src/routes/daily-report.ts');
    const info = JSON.parse(await run('npm', ['run', '--silent', 'groundwork', '--', 'info', '--json'], project)) as { jobs: unknown; routes: unknown };
    expect(info).toMatchObject({ jobs: [{ name: 'send-reminder' }], routes: [{ name: 'daily-report', method: 'POST' }] });
  });

  it('type-checks, lints, builds and passes its own tests on real PostgreSQL and Redis', async () => {
    await run('npm', ['run', 'typecheck'], project);
    await run('npm', ['run', 'lint'], project);
    await run('npm', ['run', 'build'], project);
    const output = await run('npm', ['test'], project, { TEST_DATABASE_URL: POSTGRES_ADMIN_URL, TEST_REDIS_URL: redis.url, REQUIRE_SERVICES: '1' });
    expect(output).toMatch(/Tests\s+\d+ passed/);
  });

  it('serves the sample and the new resource on every style, with the worker running their jobs', async () => {
    await run('npm', ['run', 'db:migrate'], project, { DATABASE_URL: database.url });
    const services = { DATABASE_URL: database.url, REDIS_URL: redis.url, HOST: '127.0.0.1' };
    const [port, grpcPort, workerPort] = [await freePort(), await freePort(), await freePort()];
    const app = await startProcess(...(await scriptCommand(project, 'start')), { cwd: project, port, env: node24Env({ ...services, PORT: String(port), GRPC_PORT: String(grpcPort) }) });
    processes.push(app);
    const worker = await startProcess(...(await scriptCommand(project, 'worker')), { cwd: project, port: workerPort, readyPath: '/readyz', env: node24Env({ ...services, WORKER_PORT: String(workerPort) }) });
    processes.push(worker);
    const token = await devToken(project);
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    subscriber = await subscribeToTopic(app.url, 'invoices');

    // REST: a customer, then an invoice that refers to it.
    const customer = await (await fetch(`${app.url}/v1/customers`, { method: 'POST', headers, body: JSON.stringify({ name: 'Ada' }) })).json();
    const input = { amount: 12.5, paid: false, status: 'sent', count: 3, label: 'First', customerId: customer.id, dueDate: '2026-12-31T12:00:00+01:00' };
    const created = await fetch(`${app.url}/v1/invoices`, { method: 'POST', headers, body: JSON.stringify(input) });
    expect(created.status, await created.clone().text()).toBe(201);
    const invoice = await created.json();
    expect(invoice).toMatchObject({ ...input, dueDate: '2026-12-31T11:00:00.000Z', memo: null, external: null, referrerId: null });
    const orphan = await fetch(`${app.url}/v1/invoices`, { method: 'POST', headers, body: JSON.stringify({ ...input, customerId: '00000000-0000-4000-8000-000000000000' }) });
    expect(orphan.status).toBe(422);
    const still = await fetch(`${app.url}/v1/customers/${customer.id}`, { method: 'DELETE', headers: { authorization: headers.authorization } });
    expect(still.status).toBe(409);

    // The route of its own: its schema and auth like every write.
    const report = await fetch(`${app.url}/v1/daily-report`, { method: 'POST', headers, body: JSON.stringify({ message: 'totals' }) });
    expect(report.status, await report.clone().text()).toBe(200);
    expect(await report.json()).toMatchObject({ message: 'totals' });
    expect((await fetch(`${app.url}/v1/daily-report`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"message":"x"}' })).status).toBe(401);
    expect((await fetch(`${app.url}/v1/daily-report`, { method: 'POST', headers, body: '{"message":7}' })).status).toBe(400);

    // WebSocket: the topic of the new resource streamed its creation.
    expect(await subscriber.event((m) => m.type === 'event' && (m.data as { id?: string }).id === invoice.id)).toMatchObject({ topic: 'invoices', event: 'invoice.created', data: invoice });

    // GraphQL and gRPC read the same record; the sample still works beside it.
    const read = await postGraphQL(app.url, 'query One($id: ID!) { invoice(id: $id) { id amount status customerId dueDate } }', { id: invoice.id });
    expect(read).toEqual({ status: 200, data: { invoice: { id: invoice.id, amount: 12.5, status: 'sent', customerId: customer.id, dueDate: invoice.dueDate } } });
    grpc = resourceGrpc(project, grpcPort, 'invoices', 'InvoicesService');
    expect(await grpc.call('Get', { id: invoice.id })).toMatchObject({ id: invoice.id, amount: 12.5, label: 'First' });
    const note = await postGraphQL(app.url, 'mutation { createNote(input: { title: "beside", body: "invoices" }) { id title } }', {}, token);
    expect(note.errors).toBeUndefined();
    expect((await fetch(`${app.url}/v1/notes/${(note.data!.createNote as { id: string }).id}`)).status).toBe(200);

    // The worker ran the job each created record enqueued: the customer's, the invoice's and the note's.
    const completed = async () => Number(/^queue_jobs_processed_total\{[^}]*result="completed"[^}]*\} (\d+)$/m.exec(await (await fetch(`${worker.url}/metrics`)).text())?.[1] ?? 0);
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && (await completed()) < 3) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await completed()).toBe(3);
    for (const process of processes.splice(0)) expect(await process.stop(), process.output().slice(-2000)).toBe(0);
  });
});
