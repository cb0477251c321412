import { loadConfigFrom } from '../../core/config.js';
import { defineModule } from '../../core/context.js';
import { createMemoryCache } from './cache.js';
import { envSpec } from './env.js';

export default defineModule({
  name: 'cache-memory',
  kind: 'infra',
  env: envSpec,
  register(_app, ctx) {
    const cache = createMemoryCache({ maxEntries: loadConfigFrom(envSpec, ctx.env).CACHE_MAX_ENTRIES });
    ctx.ports.cache = cache;
    ctx.onClose(() => cache.clear());
  },
});
