import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import type { Note } from '../src/core/ports.js';
import connectionRedis from '../src/modules/connection-redis/index.js';
import { createBullmqQueue, type BullmqJobQueue } from '../src/modules/queue-bullmq/bullmq-queue.js';
import queueBullmq from '../src/modules/queue-bullmq/index.js';
import { toBullJobId } from '../src/modules/queue-bullmq/job-id.js';
import { bullmqPrefix } from '../src/modules/queue-bullmq/job-options.js';
import { createJobProcessor, type JobProcessor } from '../src/modules/queue-bullmq/processor.js';
import { loadWorkerConfig, startWorker, type WorkerHandle } from '../src/modules/queue-bullmq/worker.js';
import { testEnv, testModules } from './support/app.js';
import { eventually } from './support/eventually.js';
import { captureLogs } from './support/log-capture.js';
import { describeWithService } from './support/services.js';
import { deleteKeys } from './support/redis.js';
import { tcpProxy } from './support/tcp-proxy.js';

const note = (body = 'hello queued world'): Note => {
  const now = new Date().toISOString();
  return { id: randomUUID(), title: 'Title', body, createdAt: now, updatedAt: now };
};

describeWithService('TEST_REDIS_URL', 'queue-bullmq with Redis: API producer + worker (real Redis)', (url) => {
  const queueName = `test-${randomBytes(4).toString('hex')}`;
  const calls = new Map<string, number>();
  const real = createJobProcessor(() => {});
  // Fails the first `failTimes` attempts of a job whose payload asks for it.
  const processor: JobProcessor = async (name, data) => {
    const key = JSON.stringify(data);
    const n = (calls.get(key) ?? 0) + 1;
    calls.set(key, n);
    const failTimes = (data as { failTimes?: number }).failTimes ?? 0;
    if (n <= failTimes) throw new Error(`planned failure ${n}`);
    return name === 'probe' ? { ok: true } : real(name, data);
  };
  const logs = captureLogs();
  const logger = pino({ level: 'info' }, logs.stream);
  const metrics = new Registry();
  let built: BuiltApp;
  let worker: WorkerHandle;
  let fastRetries: BullmqJobQueue;
  let config: ReturnType<typeof loadWorkerConfig>;

  beforeAll(async () => {
    built = await testModules([connectionRedis, queueBullmq], { REDIS_URL: url, QUEUE_NAME: queueName });
    config = loadWorkerConfig(testEnv({ REDIS_URL: url, QUEUE_NAME: queueName }));
    worker = await startWorker({ config, logger, metrics }, { processor });
    // The same queue as the module's and the worker's: same name, same prefix.
    fastRetries = createBullmqQueue(built.ctx.connections.redis!, queueName, { backoffDelayMs: 100, prefix: bullmqPrefix(config.REDIS_KEY_PREFIX) });
  });
  afterAll(async () => {
    await worker?.close();
    await fastRetries?.queue.obliterate({ force: true });
    await fastRetries?.close();
    // Every queue these tests made (this one, -b, -c) starts with its name.
    if (config) await deleteKeys(url, `${bullmqPrefix(config.REDIS_KEY_PREFIX)}:${queueName}`);
    await built?.app.close();
  });

  it('keeps its keys under REDIS_KEY_PREFIX, so projects (and tests) sharing a Redis never share a queue', async () => {
    const id = randomUUID();
    await fastRetries.enqueue('probe', { id, failTimes: 0 }, { jobId: id });
    const raw = new Redis(url);
    try {
      expect(await raw.keys(`bull:${queueName}:*`)).toEqual([]);
      expect((await raw.keys(`${bullmqPrefix(config.REDIS_KEY_PREFIX)}:${queueName}:*`)).length).toBeGreaterThan(0);
    } finally {
      raw.disconnect();
    }
  });

  const job = (id: string) => fastRetries.queue.getJob(toBullJobId(id));
  const finished = (id: string) =>
    eventually(async () => {
      const state = await (await job(id))?.getState();
      // Re-read once the state is final: a job object fetched earlier has stale fields.
      return state === 'completed' || state === 'failed' ? job(id) : undefined;
    });

  it('enqueues note.created events and the worker completes them', async () => {
    expect(built.ctx.ports.queue?.kind).toBe('bullmq');
    const n = note('one two three four');
    await built.ctx.events.emit('note.created', n);
    const done = await finished(`note-created:${n.id}`);
    expect(await done!.getState()).toBe('completed');
    expect(done!.returnvalue).toMatchObject({ noteId: n.id, words: 5 });
    expect(done!.opts).toMatchObject({ attempts: 5, backoff: { type: 'exponential', delay: 1000 } });

    const line = await eventually(() => logs.lines.find((l) => l.jobId === `note-created:${n.id}`));
    expect(line).toMatchObject({ msg: 'job completed', name: 'note.created', attempts: 1, queue: queueName });
    expect(line.durationMs).toEqual(expect.any(Number));

    const text = await metrics.metrics();
    expect(text).toContain(`queue_jobs_processed_total{queue="${queueName}",result="completed"}`);
    expect(text).toMatch(new RegExp(`queue_jobs\\{queue="${queueName}",state="completed"\\} [1-9]`));
  });

  it('deduplicates by jobId', async () => {
    const n = note();
    await built.ctx.events.emit('note.created', n);
    await built.ctx.events.emit('note.created', n);
    await built.ctx.ports.queue!.enqueue('note.created', n, { jobId: `note-created:${n.id}` });
    await finished(`note-created:${n.id}`);
    await new Promise((r) => setTimeout(r, 200));
    expect(calls.get(JSON.stringify(n))).toBe(1);
  });

  it('retries a failing job with exponential backoff', async () => {
    const id = `probe:${randomUUID()}`;
    await fastRetries.enqueue('probe', { id, failTimes: 2 }, { jobId: id });
    const done = await finished(id);
    expect(await done!.getState()).toBe('completed');
    expect(done!.attemptsMade).toBe(3);
    // 100 ms then 200 ms of backoff before the third attempt.
    expect(done!.finishedOn! - done!.timestamp).toBeGreaterThanOrEqual(300);
    const lines = logs.lines.filter((l) => l.jobId === id);
    expect(lines.map((l) => l.msg)).toEqual(['job attempt failed; retrying', 'job attempt failed; retrying', 'job completed']);
  });

  it('fails permanently without retrying an unknown job', async () => {
    const id = `bad:${randomUUID()}`;
    await fastRetries.enqueue('no.such.job', { id }, { jobId: id });
    const done = await finished(id);
    expect(await done!.getState()).toBe('failed');
    expect(done!.attemptsMade).toBe(1);
    expect(await metrics.metrics()).toContain(`queue_jobs_processed_total{queue="${queueName}",result="failed"} 1`);
  });

  it('exposes a redis check and closes idempotently', async () => {
    await worker.checks[0]!.check(AbortSignal.timeout(1000));
    const other = await startWorker(
      { config: loadWorkerConfig(testEnv({ REDIS_URL: url, QUEUE_NAME: `${queueName}-b` })), logger, metrics: new Registry() },
      { processor },
    );
    await Promise.all([other.close(), other.close()]);
    const leftover = createBullmqQueue(built.ctx.connections.redis!, `${queueName}-b`);
    await leftover.queue.obliterate({ force: true });
    await leftover.close();
  });

  it('closes promptly when shut down while Redis is reconnecting', async () => {
    const proxy = await tcpProxy(url);
    const config = loadWorkerConfig(testEnv({ REDIS_URL: proxy.url, QUEUE_NAME: `${queueName}-c` }));
    const flaky = await startWorker({ config, logger, metrics: new Registry() }, { processor });
    await proxy.cut();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await proxy.restore();
    await new Promise((resolve) => setTimeout(resolve, 200)); // back, but the worker is still in its reconnect backoff
    const started = Date.now();
    await flaky.close();
    expect(Date.now() - started).toBeLessThan(3000);
    await proxy.close();
    const leftover = createBullmqQueue(built.ctx.connections.redis!, `${queueName}-c`);
    await leftover.queue.obliterate({ force: true });
    await leftover.close();
  });
});
