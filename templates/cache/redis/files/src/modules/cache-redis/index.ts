import type {} from '../connection-redis/augment.js';
import { loadConfigFrom } from '../../core/config.js';
import { defineModule } from '../../core/context.js';
import { envSpec as redisEnvSpec } from '../connection-redis/env.js';
import { envSpec } from './env.js';
import { createMemoryCache } from './memory-cache.js';
import { createRedisCache } from './redis-cache.js';

/** Register after connection-redis: it reads ctx.connections.redis. */
export default defineModule({
  name: 'cache-redis',
  kind: 'infra',
  env: envSpec,
  register(_app, ctx) {
    const redis = ctx.connections.redis;
    ctx.ports.cache = redis
      ? createRedisCache(redis, loadConfigFrom(redisEnvSpec, ctx.env).REDIS_KEY_PREFIX, ctx.logger)
      : createMemoryCache(loadConfigFrom(envSpec, ctx.env).CACHE_MAX_ENTRIES);
  },
});
