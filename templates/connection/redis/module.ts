import { defineModule } from '../../define.js';

// Internal: brought in by cache/redis and queue/bullmq. Also makes the rate limit shared when REDIS_URL is set.
export default defineModule({
  id: 'connection/redis',
  title: 'Redis connection',
  dependencies: ['@opentelemetry/instrumentation-ioredis', 'ioredis'],
  // A span per command inside a request (commands outside one, e.g. BullMQ's polling, start none), named
  // by the command alone: the default statement lists keys and arguments (a rate limit key holds the client's address).
  instrumentations: [{ module: 'ioredis', from: '@opentelemetry/instrumentation-ioredis', name: 'IORedisInstrumentation', options: '{ requireParentSpan: true, dbStatementSerializer: (command) => command }', test: { variable: 'TEST_REDIS_URL', support: './redis.js', system: 'redis' } }],
  fills: 'RateLimitStore',
  env: [
    { name: 'REDIS_URL', type: 'url', doc: 'Redis URL; unset = in-process fallbacks, not shared across instances', example: 'redis://127.0.0.1:6379' },
    { name: 'REDIS_KEY_PREFIX', type: 'string', default: '{{projectName}}:', doc: 'Prefix of every key the app writes to Redis (BullMQ queues too, under <prefix>bull:)' },
  ],
  services: {
    redis: {
      image: 'redis:7-alpine',
      ports: ['6379:6379'],
      // noeviction: BullMQ must never lose queue keys to memory pressure.
      command: ['redis-server', '--maxmemory-policy', 'noeviction'],
      healthcheck: { test: ['CMD', 'redis-cli', 'ping'], interval: '5s', timeout: '3s', retries: 10 },
    },
  },
  appEnvironment: { REDIS_URL: 'redis://redis:6379' },
  register: { name: 'connectionRedis', from: './modules/connection-redis/index.js' },
});
