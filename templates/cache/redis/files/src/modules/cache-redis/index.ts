import type {} from '../connection-redis/augment.js';
import { defineModule } from '../../core/context.js';
import { createMemoryCache } from './memory-cache.js';
import { createRedisCache } from './redis-cache.js';

/** Register after connection-redis: it reads ctx.connections.redis. */
export default defineModule({
  name: 'cache-redis',
  kind: 'infra',
  register(_app, ctx) {
    const redis = ctx.connections.redis;
    ctx.ports.cache = redis
      ? createRedisCache(redis, ctx.config.REDIS_KEY_PREFIX, ctx.logger)
      : createMemoryCache(ctx.config.CACHE_MAX_ENTRIES);
  },
});
