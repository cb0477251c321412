import { Queue, type ConnectionOptions } from 'bullmq';
import type { JobQueue } from '../../core/ports.js';
import { toBullJobId } from './job-id.js';
import { BACKOFF_DELAY_MS, JOB_ATTEMPTS, KEEP_COMPLETED, KEEP_FAILED } from './job-options.js';

export interface BullmqJobQueue extends JobQueue {
  readonly queue: Queue;
  close(): Promise<void>;
}

/**
 * Producer side. Adding never blocks, so the app's shared client (with command timeouts and
 * a small maxRetriesPerRequest) is fine here; BullMQ does not close a connection it was given.
 */
export function createBullmqQueue(
  connection: ConnectionOptions,
  name: string,
  options: { backoffDelayMs?: number; prefix?: string } = {},
): BullmqJobQueue {
  const queue = new Queue(name, {
    connection,
    prefix: options.prefix,
    defaultJobOptions: {
      attempts: JOB_ATTEMPTS,
      backoff: { type: 'exponential', delay: options.backoffDelayMs ?? BACKOFF_DELAY_MS },
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
    },
  });
  return {
    kind: 'bullmq',
    queue,
    async enqueue(jobName, data, { jobId }) {
      // An existing job with the same id makes add() a no-op: idempotent enqueue.
      await queue.add(jobName, data, { jobId: toBullJobId(jobId) });
    },
    close: () => queue.close(),
  };
}
