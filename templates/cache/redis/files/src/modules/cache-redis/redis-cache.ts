import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import type { Cache } from '../../core/ports.js';

/**
 * Reads and fills degrade to misses when Redis fails (the database still answers);
 * deletes throw, because a failed invalidation would leave stale data for a whole TTL.
 */
export function createRedisCache(redis: Redis, keyPrefix: string, logger: FastifyBaseLogger): Cache {
  const k = (key: string) => `${keyPrefix}cache:${key}`;
  return {
    kind: 'redis',
    async get(key) {
      try {
        return (await redis.get(k(key))) ?? undefined;
      } catch (err) {
        logger.warn({ err, key }, 'cache get failed; treating as miss');
        return undefined;
      }
    },
    async set(key, value, ttlSeconds) {
      try {
        await redis.set(k(key), value, 'EX', Math.max(1, Math.ceil(ttlSeconds)));
      } catch (err) {
        logger.warn({ err, key }, 'cache set failed');
      }
    },
    async delete(key) {
      await redis.del(k(key));
    },
  };
}
