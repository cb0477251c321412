import fp from 'fastify-plugin';
import type {} from '../connection-redis/augment.js';
import { loadConfigFrom } from '../../core/config.js';
import type { AppContext, AppModule, ModuleOptions } from '../../core/context.js';
import { asResourceEventBus } from '../../core/events.js';
import type { JobQueue } from '../../core/ports.js';
import type { ResourceRecord } from '../../core/resources/records.js';
import { envSpec as redisEnvSpec } from '../connection-redis/env.js';
import { createBullmqQueue } from './bullmq-queue.js';
import { bullmqPrefix } from './job-options.js';
import { envSpec } from './env.js';
import { createMemoryQueue } from './memory-queue.js';
import { registerQueueMetrics, type JobCounts } from './metrics.js';
import { createJobProcessor } from './processor.js';
import { jobHandlers } from './job-handlers.js';
import { resourceJobs } from './resource-jobs.js';

/** Without Redis the API process is its own worker, so it also exports the worker's metrics. */
function createInProcessQueue(ctx: AppContext, queueName: string) {
  let getCounts = async (): Promise<JobCounts> => ({});
  const metrics = registerQueueMetrics(ctx.metrics, queueName, () => getCounts());
  const processor = createJobProcessor(jobHandlers, { logger: ctx.logger });
  const queue = createMemoryQueue({ processor, logger: ctx.logger, metrics });
  getCounts = queue.getJobCounts;
  return queue;
}

/**
 * Enqueues every resource's job on its event (resource-jobs.ts); with
 * Redis the jobs run in the worker process (startWorker), without it in this one.
 */
export default {
  env: envSpec,
  plugin: fp<ModuleOptions>(
    async (app, { ctx }) => {
      const { redis } = app;
      const queueName = loadConfigFrom(envSpec, ctx.env).QUEUE_NAME;
      const queue: JobQueue & { close(): Promise<void> } = redis
        ? createBullmqQueue(redis, queueName, { prefix: bullmqPrefix(loadConfigFrom(redisEnvSpec, ctx.env).REDIS_KEY_PREFIX) })
        : createInProcessQueue(ctx, queueName);
      app.decorate('queue', queue);
      // Resource code names its events in DomainEvents; a job only knows its name and gets a record.
      const events = asResourceEventBus(ctx.events);
      const unsubscribes = resourceJobs.map((job) =>
        events.on(job.name, (record) => queue.enqueue(job.name, record, { jobId: job.jobId(record as ResourceRecord) })),
      );
      app.addHook('onClose', async () => {
        for (const unsubscribe of unsubscribes) unsubscribe();
        await queue.close();
      });
    },
    { name: 'queue-bullmq', dependencies: ['connection-redis'] },
  ),
} satisfies AppModule;
