import { defineModule } from '../../define.js';

export default defineModule({
  id: 'cache/memory',
  title: 'In-memory cache',
  fills: 'Cache',
  env: [{ name: 'CACHE_MAX_ENTRIES', type: 'integer', min: 1, default: 10000, doc: 'In-memory cache capacity (least recently used entries are evicted)' }],
  register: { name: 'cacheMemory', from: './modules/cache-memory/index.js' },
});
