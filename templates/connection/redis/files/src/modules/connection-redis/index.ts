import type {} from './augment.js';
import { defineModule } from '../../core/context.js';
import { closeRedis, createRedisClient } from './client.js';
import { redisHealthCheck } from './health.js';
import { createRedisRateLimitStore } from './rate-limit-store.js';

export default defineModule({
  name: 'connection-redis',
  kind: 'infra',
  register(_app, ctx) {
    const url = ctx.config.REDIS_URL;
    if (!url) {
      ctx.logger.warn('REDIS_URL is not set: Redis-backed modules use in-process fallbacks, not shared across instances');
      return;
    }
    const redis = createRedisClient(url, ctx.logger, ctx.config.OTEL_SERVICE_NAME);
    ctx.connections.redis = redis;
    ctx.onClose(() => closeRedis(redis));
    ctx.health.register(redisHealthCheck(redis));
    ctx.ports.rateLimitStore = createRedisRateLimitStore(redis, ctx.config.REDIS_KEY_PREFIX);
  },
});
