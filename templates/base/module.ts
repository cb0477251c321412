import { defineModule } from '../define.js';

export default defineModule({
  id: 'base',
  title: 'Core',
  dependencies: [
    '@fastify/cors',
    '@fastify/helmet',
    '@fastify/otel',
    '@opentelemetry/api',
    '@opentelemetry/exporter-trace-otlp-http',
    '@opentelemetry/instrumentation-http',
    '@opentelemetry/sdk-node',
    '@opentelemetry/sdk-trace',
    'fastify',
    'pino',
    'prom-client',
  ],
  devDependencies: ['create-groundwork', '@types/node', 'pino-pretty', 'tsx', 'typescript', 'vitest'],
  // @fastify/otel asks for @opentelemetry/core 2.x, whose peer range excludes the api 1.10 that sdk-node
  // needs; core 3.x keeps the two exports @fastify/otel uses (see docs/decisions.md).
  overrides: { '@fastify/otel': ['@opentelemetry/core'] },
  services: {
    app: {
      build: '.',
      ports: ['${PORT:-3000}:3000'],
      env_file: [{ path: '.env', required: false }],
      environment: { PORT: '3000', HOST: '0.0.0.0' },
      stop_grace_period: '15s',
      init: true,
      healthcheck: {
        test: ['CMD', 'node', '-e', "fetch('http://127.0.0.1:3000/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"],
        interval: '15s',
        timeout: '3s',
        retries: 3,
        start_period: '10s',
      },
    },
  },
  scripts: {
    dev: 'node --watch --env-file-if-exists=.env --import tsx --import ./src/telemetry.ts src/server.ts | pino-pretty',
    build: 'tsc',
    start: 'node --env-file-if-exists=.env --import ./dist/telemetry.js dist/server.js',
    test: 'vitest run',
    typecheck: 'tsc --noEmit && tsc -p test/tsconfig.json',
  },
  env: [
    { name: 'NODE_ENV', type: 'enum', values: ['development', 'test', 'production'], default: 'development', doc: 'Runtime environment' },
    { name: 'PORT', type: 'port', default: 3000, doc: 'HTTP port' },
    { name: 'HOST', type: 'string', default: '0.0.0.0', doc: 'Interface to listen on' },
    { name: 'TRUST_PROXY', type: 'boolean', default: false, doc: 'Trust X-Forwarded-* headers (set true behind a reverse proxy or load balancer)' },
    { name: 'LOG_LEVEL', type: 'enum', values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info', doc: 'Minimum log level' },
    { name: 'RATE_LIMIT_MAX', type: 'integer', min: 1, default: 100, doc: 'Requests per window per client (token subject, else IP)' },
    { name: 'RATE_LIMIT_WINDOW_SECONDS', type: 'integer', min: 1, default: 60, doc: 'Rate-limit window length in seconds' },
    { name: 'CORS_ORIGIN', type: 'string', doc: 'Allowed CORS origins, comma-separated, or * for any; unset = no cross-origin access' },
    { name: 'BODY_LIMIT_BYTES', type: 'integer', min: 1, default: 1048576, doc: 'Maximum request body size in bytes' },
    { name: 'SHUTDOWN_TIMEOUT_MS', type: 'integer', min: 0, default: 10000, doc: 'Hard limit for graceful shutdown before forcing exit' },
    { name: 'OTEL_SERVICE_NAME', type: 'string', default: '{{projectName}}', doc: 'service.name on traces and logs' },
    { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', type: 'url', doc: 'OTLP/HTTP collector base URL, e.g. http://localhost:4318; unset = no trace export' },
    { name: 'NOTES_CACHE_TTL_SECONDS', type: 'integer', min: 1, default: 60, doc: 'How long a note stays in the cache' },
  ],
});
