import { defineModule } from '../../define.js';

export default defineModule({
  id: 'connection/redis',
  title: 'Redis connection',
  dependencies: ['ioredis'],
  fills: 'RateLimitStore',
  env: [{ name: 'REDIS_URL', type: 'url', doc: 'Redis URL, e.g. redis://127.0.0.1:6379; unset = in-process fallbacks', example: 'redis://127.0.0.1:6379' }],
  services: {
    redis: {
      image: 'redis:7-alpine',
      ports: ['6379:6379'],
      healthcheck: { test: ['CMD', 'redis-cli', 'ping'], interval: '5s', timeout: '3s', retries: 10 },
    },
  },
  appEnvironment: { REDIS_URL: 'redis://redis:6379' },
  register: { name: 'connectionRedis', from: './modules/connection-redis/index.js' },
});
