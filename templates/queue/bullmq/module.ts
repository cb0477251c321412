import type { FieldView } from '../../../src/resources/view.js';
import { defineModule } from '../../define.js';

/** The JSON type of the field's value in a job payload (src/modules/queue-bullmq/payload.ts). */
function payloadType(field: FieldView): 'string' | 'number' | 'boolean' {
  if (field.is.integer || field.is.number) return 'number';
  return field.is.boolean ? 'boolean' : 'string';
}

export default defineModule({
  id: 'queue/bullmq',
  title: 'BullMQ job queue',
  requires: ['connection/redis'],
  dependencies: ['bullmq'],
  allowScripts: { 'msgpackr-extract': true }, // the native msgpack codec BullMQ's msgpackr uses when it loads
  scripts: { worker: 'node --env-file-if-exists=.env --import ./dist/telemetry.js dist/worker.js' },
  fills: 'JobQueue',
  env: [
    { name: 'QUEUE_NAME', type: 'string', default: 'jobs', doc: 'BullMQ queue name (no ":")' },
    { name: 'WORKER_PORT', type: 'port', default: 3001, doc: 'Port of the worker process /livez, /readyz and /metrics' },
    { name: 'WORKER_CONCURRENCY', type: 'integer', min: 1, default: 5, doc: 'Jobs one worker process runs at once' },
  ],
  services: {
    worker: {
      build: '.',
      command: ['node', '--import', './dist/telemetry.js', 'dist/worker.js'],
      ports: ['${WORKER_PORT:-3001}:3001'],
      env_file: [{ path: '.env', required: false }],
      environment: { WORKER_PORT: '3001', HOST: '0.0.0.0', REDIS_URL: 'redis://redis:6379' },
      depends_on: { redis: { condition: 'service_healthy' } },
      stop_grace_period: '15s',
      init: true,
      healthcheck: {
        test: ['CMD', 'node', '-e', "fetch('http://127.0.0.1:3001/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"],
        interval: '15s',
        timeout: '3s',
        retries: 3,
        start_period: '10s',
      },
    },
  },
  register: { name: 'queueBullmq', from: './modules/queue-bullmq/index.js' },
  resourceFields: (field) => ({ payloadType: payloadType(field), payloadText: field.is.string || field.is.text }),
});
