import type { JobQueue } from '../../core/ports.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Decorated by queue-bullmq: BullMQ with REDIS_URL, else a queue run in this process. */
    queue: JobQueue;
  }
}
