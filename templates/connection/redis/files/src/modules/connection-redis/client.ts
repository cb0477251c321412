import { Redis } from 'ioredis';
import type { FastifyBaseLogger } from 'fastify';

/**
 * The app's shared client. Commands fail after 2 s or 2 reconnect attempts instead of queueing
 * forever while Redis is down. Not for BullMQ workers (blocking commands need no timeouts).
 */
export function createRedisClient(url: string, logger: FastifyBaseLogger, connectionName = 'app'): Redis {
  const redis = new Redis(url, {
    connectTimeout: 2000,
    commandTimeout: 2000,
    maxRetriesPerRequest: 2,
    retryStrategy: (times) => Math.min(times * 200, 5000),
    connectionName,
  });
  // ioredis emits 'error' on every failed reconnect; log once per outage, not once per attempt.
  let down = false;
  redis.on('error', (err) => {
    if (!down) logger.error({ err: { message: err.message, code: (err as NodeJS.ErrnoException).code } }, 'redis connection error');
    down = true;
  });
  redis.on('ready', () => {
    if (down) logger.info('redis connection restored');
    down = false;
  });
  return redis;
}

/** QUIT (lets pending replies arrive), but never wait more than 2 s for a dead server. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  await Promise.race([redis.quit().catch(() => undefined), new Promise((r) => setTimeout(r, 2000).unref())]);
  redis.disconnect();
}
