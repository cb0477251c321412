import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import connectionRedis from '../src/modules/connection-redis/index.js';
import { createBullmqQueue, type BullmqJobQueue } from '../src/modules/queue-bullmq/bullmq-queue.js';
import queueBullmq from '../src/modules/queue-bullmq/index.js';
import { toBullJobId } from '../src/modules/queue-bullmq/job-id.js';
import { bullmqPrefix } from '../src/modules/queue-bullmq/job-options.js';
import { createJobProcessor, type JobHandler } from '../src/modules/queue-bullmq/processor.js';
import { loadWorkerConfig, startWorker, type WorkerHandle } from '../src/modules/queue-bullmq/worker.js';
import { testEnv, testModules } from './support/app.js';
import { eventually } from './support/eventually.js';
import { captureLogs } from './support/log-capture.js';
import { describeWithService } from './support/services.js';
import { deleteKeys } from './support/redis.js';
import { tcpProxy } from './support/tcp-proxy.js';

// The module and the worker, whatever jobs the project has: these tests run a `probe` job of their own.
// Each resource's job has its test (test/features/<resource>/jobs.test.ts).
describeWithService('TEST_REDIS_URL', 'queue-bullmq with Redis: API producer + worker (real Redis)', (url) => {
  const queueName = `test-${randomBytes(4).toString('hex')}`;
  const calls = new Map<string, number>();
  // Counts its runs per payload and fails the first `failTimes` attempts of a job whose payload asks for it.
  const probe: JobHandler = {
    name: 'probe',
    async handle(data) {
      const key = JSON.stringify(data);
      const n = (calls.get(key) ?? 0) + 1;
      calls.set(key, n);
      const failTimes = (data as { failTimes?: number }).failTimes ?? 0;
      if (n <= failTimes) throw new Error(`planned failure ${n}`);
      return { ok: true, run: n };
    },
  };
  const logs = captureLogs();
  const logger = pino({ level: 'info' }, logs.stream);
  const processor = createJobProcessor([probe], { logger });
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
    fastRetries = createBullmqQueue(built.app.redis!, queueName, { backoffDelayMs: 100, prefix: bullmqPrefix(config.REDIS_KEY_PREFIX) });
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

  it('enqueues through BullMQ with 5 attempts and exponential backoff; the worker completes the job and counts it', async () => {
    const queue = built.app.queue!;
    expect(queue.kind).toBe('bullmq');
    const id = `probe:${randomUUID()}`;
    await queue.enqueue('probe', { id }, { jobId: id });
    const done = await finished(id);
    expect(await done!.getState()).toBe('completed');
    expect(done!.returnvalue).toEqual({ ok: true, run: 1 });
    expect(done!.opts).toMatchObject({ attempts: 5, backoff: { type: 'exponential', delay: 1000 } });

    const line = await eventually(() => logs.lines.find((l) => l.jobId === id));
    expect(line).toMatchObject({ msg: 'job completed', name: 'probe', attempts: 1, queue: queueName });
    expect(line.durationMs).toEqual(expect.any(Number));

    const text = await metrics.metrics();
    expect(text).toContain(`queue_jobs_processed_total{queue="${queueName}",result="completed"}`);
    expect(text).toMatch(new RegExp(`queue_jobs\\{queue="${queueName}",state="completed"\\} [1-9]`));
  });

  it('deduplicates by jobId, also once the job completed', async () => {
    const queue = built.app.queue!;
    const id = `probe:${randomUUID()}`;
    await Promise.all([queue.enqueue('probe', { id }, { jobId: id }), queue.enqueue('probe', { id }, { jobId: id })]);
    await finished(id);
    await queue.enqueue('probe', { id }, { jobId: id });
    await new Promise((r) => setTimeout(r, 200));
    expect(calls.get(JSON.stringify({ id }))).toBe(1);
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

  it("starts with the project's own jobs, is ready, and closes once: a closed worker takes no job and fails its check", async () => {
    const name = `${queueName}-b`;
    const other = await startWorker({ config: loadWorkerConfig(testEnv({ REDIS_URL: url, QUEUE_NAME: name })), logger, metrics: new Registry() });
    const [check] = other.checks;
    await check!.check(AbortSignal.timeout(1000));
    const closing = other.close();
    expect(other.close()).toBe(closing); // a second close (two signals, a test teardown) joins the first
    await closing;
    await expect(check!.check(AbortSignal.timeout(1000))).rejects.toThrow(/Connection is closed|redis is not connected/); // its connection quit

    const leftover = createBullmqQueue(built.app.redis!, name, { prefix: bullmqPrefix(config.REDIS_KEY_PREFIX) });
    try {
      await leftover.enqueue('probe', { id: 'after close' }, { jobId: 'after-close' });
      await new Promise((r) => setTimeout(r, 300));
      expect(await (await leftover.queue.getJob('after-close'))?.getState()).toBe('waiting');
    } finally {
      await leftover.queue.obliterate({ force: true });
      await leftover.close();
    }
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
    const leftover = createBullmqQueue(built.app.redis!, `${queueName}-c`, { prefix: bullmqPrefix(config.REDIS_KEY_PREFIX) });
    await leftover.queue.obliterate({ force: true });
    await leftover.close();
  });
});
