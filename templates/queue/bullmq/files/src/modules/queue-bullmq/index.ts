import type {} from '../connection-redis/augment.js';
import { loadConfigFrom } from '../../core/config.js';
import { defineModule, type AppContext } from '../../core/context.js';
import type { JobQueue } from '../../core/ports.js';
import { envSpec as redisEnvSpec } from '../connection-redis/env.js';
import { createBullmqQueue } from './bullmq-queue.js';
import { bullmqPrefix, noteCreatedJobId } from './job-options.js';
import { envSpec } from './env.js';
import { createMemoryQueue } from './memory-queue.js';
import { registerQueueMetrics, type JobCounts } from './metrics.js';
import { createJobProcessor } from './processor.js';

/** Without Redis the API process is its own worker, so it also exports the worker's metrics. */
function createInProcessQueue(ctx: AppContext, queueName: string) {
  let getCounts = async (): Promise<JobCounts> => ({});
  const metrics = registerQueueMetrics(ctx.metrics, queueName, () => getCounts());
  const processor = createJobProcessor((summary) => ctx.logger.info({ summary }, 'note summarized'));
  const queue = createMemoryQueue({ processor, logger: ctx.logger, metrics });
  getCounts = queue.getJobCounts;
  return queue;
}

/** Register after connection-redis. With Redis, jobs run in the worker process (startWorker). */
export default defineModule({
  name: 'queue-bullmq',
  kind: 'infra',
  env: envSpec,
  register(_app, ctx) {
    const redis = ctx.connections.redis;
    const queueName = loadConfigFrom(envSpec, ctx.env).QUEUE_NAME;
    const queue: JobQueue & { close(): Promise<void> } = redis
      ? createBullmqQueue(redis, queueName, { prefix: bullmqPrefix(loadConfigFrom(redisEnvSpec, ctx.env).REDIS_KEY_PREFIX) })
      : createInProcessQueue(ctx, queueName);
    ctx.ports.queue = queue;
    const unsubscribe = ctx.events.on('note.created', (note) =>
      queue.enqueue('note.created', note, { jobId: noteCreatedJobId(note.id) }),
    );
    ctx.onClose(async () => {
      unsubscribe();
      await queue.close();
    });
  },
});
