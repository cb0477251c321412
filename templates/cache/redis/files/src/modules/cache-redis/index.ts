import fp from 'fastify-plugin';
import type {} from '../connection-redis/augment.js';
import { loadConfigFrom } from '../../core/config.js';
import type { AppModule, ModuleOptions } from '../../core/context.js';
import { createMemoryCache } from '../../core/memory-cache.js';
import { envSpec as redisEnvSpec } from '../connection-redis/env.js';
import { envSpec } from './env.js';
import { createRedisCache } from './redis-cache.js';

/** Redis when connection-redis has a connection (`app.redis`), else in this process. */
export default {
  env: envSpec,
  plugin: fp<ModuleOptions>(
    async (app, { ctx }) => {
      const { redis } = app;
      app.decorate(
        'cache',
        redis ? createRedisCache(redis, loadConfigFrom(redisEnvSpec, ctx.env).REDIS_KEY_PREFIX, ctx.logger) : createMemoryCache(loadConfigFrom(envSpec, ctx.env).CACHE_MAX_ENTRIES),
      );
    },
    { name: 'cache-redis', dependencies: ['connection-redis'] },
  ),
} satisfies AppModule;
