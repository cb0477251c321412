import type { Redis } from 'ioredis';

declare module 'fastify' {
  interface FastifyInstance {
    /** Decorated by connection-redis: the shared client when REDIS_URL is set; undefined = in-process fallbacks. */
    redis: Redis | undefined;
  }
}
