import type { FastifyBaseLogger } from 'fastify';
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import { loadConfig, loadConfigFrom, type Config, type ConfigFrom, type Env } from '../../core/config.js';
import type { HealthCheck } from '../../core/ports.js';
import { envSpec as redisEnvSpec } from '../connection-redis/env.js';
import { redisHealthCheck } from '../connection-redis/health.js';
import { envSpec } from './env.js';
import { fromBullJobId } from './job-id.js';
import { bullmqPrefix } from './job-options.js';
import { registerQueueMetrics } from './metrics.js';
import { PermanentJobError, createJobProcessor, type JobProcessor } from './processor.js';
import { jobHandlers } from './job-handlers.js';

/** What the worker reads: its own variables, the Redis connection's, and the service name. */
export type WorkerConfig = ConfigFrom<typeof envSpec> & ConfigFrom<typeof redisEnvSpec> & Pick<Config, 'OTEL_SERVICE_NAME'>;

export function loadWorkerConfig(env: Env): WorkerConfig {
  return { ...loadConfigFrom(redisEnvSpec, env), ...loadConfigFrom(envSpec, env), OTEL_SERVICE_NAME: loadConfig(env).OTEL_SERVICE_NAME };
}

export interface WorkerDeps {
  config: WorkerConfig;
  logger: FastifyBaseLogger;
  metrics: Registry;
}

export interface WorkerHandle {
  /** For the worker's /readyz. */
  checks: HealthCheck[];
  /** Stops taking jobs, waits for active ones, closes the connection. Idempotent. */
  close(): Promise<void>;
}

export interface WorkerOptions {
  /** Default: every job, the resources' and the project's own (job-handlers.ts). */
  processor?: JobProcessor;
  queueName?: string;
  prefix?: string;
}

/** Entry point of the separate worker process (src/worker.ts). Requires REDIS_URL. */
export async function startWorker(deps: WorkerDeps, options: WorkerOptions = {}): Promise<WorkerHandle> {
  const { config, logger } = deps;
  if (!config.REDIS_URL) throw new Error('the worker needs REDIS_URL; without Redis, jobs run inside the API process');
  const queueName = options.queueName ?? config.QUEUE_NAME;
  const prefix = options.prefix ?? bullmqPrefix(config.REDIS_KEY_PREFIX);
  const processor = options.processor ?? createJobProcessor(jobHandlers, { logger });

  // Workers block on Redis (BZPOPMIN): no commandTimeout, and maxRetriesPerRequest must be null
  // so a Redis restart pauses the worker instead of failing its commands.
  const connection = new Redis(config.REDIS_URL, {
    maxRetriesPerRequest: null,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 500, 10_000),
    connectionName: `${config.OTEL_SERVICE_NAME}-worker`,
  });
  connection.on('error', (err) => logger.warn({ err: { message: err.message } }, 'worker redis error'));

  const worker = new Worker(
    queueName,
    async (job: Job) => {
      try {
        return await processor(job.name, job.data);
      } catch (err) {
        if (err instanceof PermanentJobError) throw new UnrecoverableError(err.message);
        throw err;
      }
    },
    { connection, prefix, concurrency: config.WORKER_CONCURRENCY, autorun: false },
  );
  const queue = new Queue(queueName, { connection, prefix });
  const metrics = registerQueueMetrics(deps.metrics, queueName, () =>
    queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'),
  );

  const fields = (job: Job) => ({
    queue: queueName,
    jobId: job.id && fromBullJobId(job.id),
    name: job.name,
    attempts: job.attemptsMade,
    durationMs: job.finishedOn && job.processedOn ? job.finishedOn - job.processedOn : undefined,
  });
  worker.on('completed', (job) => {
    const f = fields(job);
    metrics.observe('completed', f.durationMs ?? 0);
    logger.info(f, 'job completed');
  });
  worker.on('failed', (job, err) => {
    if (!job) return logger.error({ err }, 'job failed');
    const f = fields(job);
    const final = err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    metrics.observe(final ? 'failed' : 'retrying', f.durationMs ?? 0);
    logger[final ? 'error' : 'warn']({ ...f, err: { message: err.message } }, final ? 'job failed' : 'job attempt failed; retrying');
  });
  worker.on('error', (err) => logger.error({ err }, 'worker error'));

  void worker.run().catch((err: unknown) => logger.error({ err }, 'worker stopped'));
  await worker.waitUntilReady();
  logger.info({ queue: queueName, concurrency: config.WORKER_CONCURRENCY }, 'worker started');

  let closing: Promise<void> | undefined;
  return {
    checks: [redisHealthCheck(connection)],
    close: () =>
      (closing ??= (async () => {
        // While Redis is away there is no active job to drain, and a polite close would wait for the
        // reconnection: drop the connection and force the close instead.
        const connected = connection.status === 'ready';
        if (!connected) connection.disconnect();
        await worker.close(!connected);
        await queue.close();
        if (connected) await connection.quit().catch(() => connection.disconnect());
      })()),
  };
}
