import { defineModule } from '../../core/context.js';
import { createMemoryCache } from './cache.js';

export default defineModule({
  name: 'cache-memory',
  kind: 'infra',
  register(_app, ctx) {
    const cache = createMemoryCache({ maxEntries: ctx.config.CACHE_MAX_ENTRIES });
    ctx.ports.cache = cache;
    ctx.onClose(() => cache.clear());
  },
});
