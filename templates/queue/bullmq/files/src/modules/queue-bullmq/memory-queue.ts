import type { FastifyBaseLogger } from 'fastify';
import type { JobQueue } from '../../core/ports.js';
import { BACKOFF_DELAY_MS, JOB_ATTEMPTS, KEEP_COMPLETED, backoffDelay } from './job-options.js';
import type { JobCounts, QueueMetrics } from './metrics.js';
import { PermanentJobError, type JobProcessor } from './processor.js';

type State = 'waiting' | 'active' | 'delayed' | 'completed' | 'failed';
interface MemoryJob {
  id: string;
  name: string;
  data: unknown;
  state: State;
  attemptsMade: number;
  timer?: NodeJS.Timeout;
}

export interface MemoryJobQueue extends JobQueue {
  getJobCounts(): Promise<JobCounts>;
  /** Resolves once no job is waiting, active or delayed (for tests and draining). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface MemoryQueueOptions {
  processor: JobProcessor;
  logger: FastifyBaseLogger;
  metrics?: QueueMetrics;
  attempts?: number;
  backoffDelayMs?: number;
  keepMs?: number;
}

/**
 * Fallback without Redis: same attempts, exponential backoff and jobId dedupe as the BullMQ
 * adapter, jobs run inside this process. Not durable: pending jobs are dropped on shutdown.
 */
export function createMemoryQueue(options: MemoryQueueOptions): MemoryJobQueue {
  const { processor, logger, metrics } = options;
  const attempts = options.attempts ?? JOB_ATTEMPTS;
  const baseDelay = options.backoffDelayMs ?? BACKOFF_DELAY_MS;
  const keepMs = options.keepMs ?? KEEP_COMPLETED.age * 1000;
  const jobs = new Map<string, MemoryJob>();
  const running = new Set<Promise<void>>();
  let closed = false;
  let idleWaiters: (() => void)[] = [];

  const pending = () => [...jobs.values()].some((j) => j.state === 'waiting' || j.state === 'active' || j.state === 'delayed');
  const settle = () => {
    if (pending()) return;
    for (const resolve of idleWaiters) resolve();
    idleWaiters = [];
  };
  const schedule = (job: MemoryJob, delayMs: number) => {
    job.timer = setTimeout(() => {
      const run = attempt(job).finally(() => running.delete(run));
      running.add(run);
    }, delayMs);
  };

  async function attempt(job: MemoryJob): Promise<void> {
    if (closed) return;
    job.state = 'active';
    job.attemptsMade += 1;
    const started = performance.now();
    try {
      await processor(job.name, job.data);
      const durationMs = performance.now() - started;
      job.state = 'completed';
      metrics?.observe('completed', durationMs);
      logger.info({ jobId: job.id, name: job.name, attempts: job.attemptsMade, durationMs }, 'job completed');
    } catch (err) {
      const durationMs = performance.now() - started;
      const final = job.attemptsMade >= attempts || err instanceof PermanentJobError;
      job.state = final ? 'failed' : 'delayed';
      metrics?.observe(final ? 'failed' : 'retrying', durationMs);
      logger[final ? 'error' : 'warn']({ jobId: job.id, name: job.name, attempts: job.attemptsMade, durationMs, err }, final ? 'job failed' : 'job attempt failed; retrying');
      if (!final) return schedule(job, backoffDelay(baseDelay, job.attemptsMade));
    }
    // Keep finished jobs for a while so a repeated jobId stays deduplicated, like BullMQ.
    setTimeout(() => jobs.delete(job.id), keepMs).unref();
    settle();
  }

  return {
    kind: 'memory',
    async enqueue(name, data, { jobId }) {
      if (closed) throw new Error('queue is closed');
      if (jobs.has(jobId)) return;
      const job: MemoryJob = { id: jobId, name, data, state: 'waiting', attemptsMade: 0 };
      jobs.set(jobId, job);
      schedule(job, 0);
    },
    async getJobCounts() {
      const counts: JobCounts = { waiting: 0, active: 0, delayed: 0, completed: 0, failed: 0 };
      for (const job of jobs.values()) counts[job.state]! += 1;
      return counts;
    },
    idle: () => (pending() ? new Promise<void>((resolve) => idleWaiters.push(resolve)) : Promise.resolve()),
    async close() {
      closed = true;
      for (const job of jobs.values()) clearTimeout(job.timer);
      await Promise.allSettled(running);
      const dropped = [...jobs.values()].filter((j) => j.state === 'waiting' || j.state === 'delayed').length;
      if (dropped > 0) logger.warn({ dropped }, 'in-process queue closed with pending jobs; they are lost');
      settle();
    },
  };
}
