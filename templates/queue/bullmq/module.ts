import { defineModule } from '../../define.js';

export default defineModule({
  id: 'queue/bullmq',
  title: 'BullMQ job queue',
  requires: ['connection/redis'],
  dependencies: ['bullmq'],
  scripts: { worker: 'node --env-file-if-exists=.env --import ./dist/telemetry.js dist/worker.js' },
  fills: 'JobQueue',
  env: [
    { name: 'WORKER_PORT', type: 'port', default: 3001, doc: 'Port of the worker process health and metrics endpoints' },
    { name: 'WORKER_CONCURRENCY', type: 'integer', min: 1, default: 5, doc: 'Jobs processed at once by one worker process' },
  ],
  services: {
    worker: {
      build: '.',
      command: ['node', '--import', './dist/telemetry.js', 'dist/worker.js'],
      ports: ['3001:3001'],
      environment: { REDIS_URL: 'redis://redis:6379' },
      depends_on: { redis: { condition: 'service_healthy' } },
    },
  },
  register: { name: 'queueBullmq', from: './modules/queue-bullmq/index.js' },
});
