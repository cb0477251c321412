import fp from 'fastify-plugin';
import { loadConfigFrom } from '../../core/config.js';
import type { AppModule, ModuleOptions } from '../../core/context.js';
import { createMemoryCache } from '../../core/memory-cache.js';
import { envSpec } from './env.js';

export default {
  env: envSpec,
  plugin: fp<ModuleOptions>(
    async (app, { ctx }) => {
      const cache = createMemoryCache(loadConfigFrom(envSpec, ctx.env).CACHE_MAX_ENTRIES);
      app.decorate('cache', cache);
      app.addHook('onClose', async () => {
        cache.clear();
      });
    },
    { name: 'cache-memory' },
  ),
} satisfies AppModule;
