import fp from 'fastify-plugin';
import type {} from './augment.js';
import { loadConfigFrom } from '../../core/config.js';
import type { AppModule, ModuleOptions } from '../../core/context.js';
import { envSpec } from './env.js';
import { createRedisBroadcast } from './broadcast.js';
import { closeRedis, createRedisClient } from './client.js';
import { redisHealthCheck } from './health.js';
import { createRedisRateLimitStore } from './rate-limit-store.js';

export default {
  env: envSpec,
  plugin: fp<ModuleOptions>(
    async (app, { ctx }) => {
      const { REDIS_URL: url, REDIS_KEY_PREFIX } = loadConfigFrom(envSpec, ctx.env);
      if (!url) {
        ctx.logger.warn('REDIS_URL is not set: Redis-backed modules use in-process fallbacks, not shared across instances');
        app.decorate('redis', undefined);
        return;
      }
      const redis = createRedisClient(url, ctx.logger, ctx.config.OTEL_SERVICE_NAME);
      app.decorate('redis', redis);
      app.addHook('onClose', async () => {
        await closeRedis(redis);
      });
      ctx.health.register(redisHealthCheck(redis));
      app.decorate('rateLimitStore', createRedisRateLimitStore(redis, REDIS_KEY_PREFIX));
      const broadcast = createRedisBroadcast(redis, () => createRedisClient(url, ctx.logger, `${ctx.config.OTEL_SERVICE_NAME}-subscriber`), REDIS_KEY_PREFIX);
      app.decorate('broadcast', broadcast);
      // Added after the shared client's hook, so it runs first (onClose hooks run last added first).
      app.addHook('onClose', async () => {
        await broadcast.close();
      });
    },
    { name: 'connection-redis' },
  ),
} satisfies AppModule;
