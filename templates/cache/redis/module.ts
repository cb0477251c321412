import { defineModule } from '../../define.js';

export default defineModule({
  id: 'cache/redis',
  title: 'Redis cache',
  requires: ['connection/redis'],
  dependencies: ['lru-cache'],
  fills: 'Cache',
  register: { name: 'cacheRedis', from: './modules/cache-redis/index.js' },
});
