import { defineModule } from '../../define.js';

export default defineModule({
  id: 'cache/redis',
  title: 'Redis cache',
  requires: ['connection/redis'],
  fills: 'Cache',
  env: [{ name: 'CACHE_MAX_ENTRIES', type: 'integer', min: 1, default: 10000, doc: 'In-process cache capacity when REDIS_URL is unset (least recently used entries are evicted)' }],
  register: { name: 'cacheRedis', from: './modules/cache-redis/index.js' },
});
