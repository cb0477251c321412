import type { FieldView } from '../../src/resources/view.js';
import { tsStringLiteral as literal } from '../../src/compose/ts-literal.js';
import { defineModule } from '../define.js';

/**
 * What the base templates need of each field, as TypeScript source: the record type, the field rule
 * (src/core/resources/field-rules.ts), and for tests two different valid values (`sample`,
 * `otherSample`; refs have none: tests create the parent), a value of the wrong JSON type, and one of
 * the right type the rule refuses (`invalidSample`; booleans have none; for a ref, an id no record has).
 */
interface FieldSnippets {
  tsType: string;
  rule: string;
  sample?: string;
  otherSample?: string;
  wrongType: string;
  invalidSample?: string;
}

function fieldSnippets(field: FieldView): FieldSnippets {
  const { key, label, values } = field;
  const rule = `fieldRule.${field.type}('${key}')`;
  switch (field.type) {
    case 'string':
      return { tsType: 'string', rule, sample: literal(`Sample ${label}`), otherSample: literal(`Other ${label}`), wrongType: '42', invalidSample: "'   '" };
    case 'text':
      return { tsType: 'string', rule, sample: literal(`Some ${label}.`), otherSample: literal(`Other ${label}.`), wrongType: '42', invalidSample: "'x'.repeat(10_001)" };
    case 'integer':
      return { tsType: 'number', rule, sample: '42', otherSample: '-7', wrongType: "'42'", invalidSample: '2_147_483_648' };
    case 'number':
      return { tsType: 'number', rule, sample: '12.5', otherSample: '-0.25', wrongType: "'12.5'", invalidSample: 'Number.POSITIVE_INFINITY' };
    case 'boolean':
      return { tsType: 'boolean', rule, sample: 'true', otherSample: 'false', wrongType: "'true'" };
    case 'datetime':
      return { tsType: 'string', rule, sample: "'2026-01-02T03:04:05.678Z'", otherSample: "'2027-06-30T12:00:00.000Z'", wrongType: '1767323045678', invalidSample: "'2024-02-30T00:00:00Z'" };
    case 'uuid':
      return {
        tsType: 'string',
        rule,
        sample: "'6f1c2a52-4c8e-4a8f-9d59-1f0b6d7f1a01'",
        otherSample: "'0b7e4c0d-2f5a-4e1b-8c3d-9a8b7c6d5e4f'",
        wrongType: '42',
        invalidSample: "'not-a-uuid'",
      };
    case 'enum':
      return {
        tsType: values.map(literal).join(' | '),
        rule: `fieldRule.enum('${key}', [${values.map(literal).join(', ')}])`,
        sample: literal(values[0] ?? ''),
        otherSample: literal(values[1] ?? values[0] ?? ''),
        wrongType: '42',
        invalidSample: literal(values.join(' or ')), // enum values have no spaces
      };
    case 'ref':
      return { tsType: 'string', rule, wrongType: '42', invalidSample: "'00000000-0000-4000-8000-000000000000'" };
  }
}

function resourceFields(field: FieldView): Record<string, unknown> {
  const { rule, sample, otherSample, invalidSample, ...snippets } = fieldSnippets(field);
  return {
    ...snippets,
    // Present (possibly undefined) on every field: templates are rendered in strict mode.
    sample,
    otherSample,
    invalidSample,
    /** The property type in the record: optional fields are null when absent. */
    recordType: field.optional ? `${snippets.tsType} | null` : snippets.tsType,
    rule: field.optional ? `fieldRule.optional(${rule})` : rule,
  };
}

export default defineModule({
  id: 'base',
  title: 'Core',
  dependencies: [
    '@fastify/cors',
    '@fastify/helmet',
    '@fastify/otel',
    '@opentelemetry/api',
    '@opentelemetry/core', // suppressTracing, for the readiness checks
    '@opentelemetry/exporter-trace-otlp-http',
    '@opentelemetry/instrumentation', // the Instrumentation type of core/instrumentations.ts
    '@opentelemetry/instrumentation-http',
    '@opentelemetry/sdk-node',
    '@opentelemetry/sdk-trace',
    'fastify',
    'fastify-plugin',
    'import-in-the-middle', // the loader hook that lets driver instrumentations patch ES module imports
    'lru-cache', // core/memory-cache.ts, the cache of cache-memory and of cache-redis without REDIS_URL
    'pino',
    'prom-client',
  ],
  resourceFields,
  devDependencies: ['@biomejs/biome', '@types/node', 'fast-check', 'pino-pretty', 'plop', 'tsx', 'typescript', 'vitest'],
  // @fastify/otel asks for @opentelemetry/core 2.x, whose peer range excludes the api 1.10 that sdk-node
  // needs; core 3.x keeps the two exports @fastify/otel uses (see docs/decisions.md).
  overrides: { '@fastify/otel': ['@opentelemetry/core'] },
  // esbuild (tsx's, vite's) checks or fetches its platform binary; protobufjs (under sdk-node's OTLP gRPC
  // exporters) only warns about the version schemes of the packages that depend on it.
  allowScripts: { esbuild: true, protobufjs: false },
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
    lint: 'biome lint --error-on-warnings .',
    format: 'biome format --write .',
    generate: 'plop',
  },
  env: [
    { name: 'NODE_ENV', type: 'enum', values: ['development', 'test', 'production'], default: 'development', doc: 'Runtime environment' },
    { name: 'PORT', type: 'port', default: 3000, doc: 'HTTP port' },
    { name: 'HOST', type: 'string', default: '127.0.0.1', doc: 'Interface to listen on (the image and compose set 0.0.0.0)' },
    { name: 'TRUST_PROXY', type: 'boolean', default: false, doc: 'Trust X-Forwarded-* headers (set true behind a reverse proxy or load balancer)' },
    { name: 'LOG_LEVEL', type: 'enum', values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info', doc: 'Minimum log level' },
    { name: 'RATE_LIMIT_MAX', type: 'integer', min: 1, default: 100, doc: 'Requests per window per client (token subject, else IP)' },
    { name: 'RATE_LIMIT_WINDOW_SECONDS', type: 'integer', min: 1, default: 60, doc: 'Rate-limit window length in seconds' },
    { name: 'CORS_ORIGIN', type: 'string', doc: 'Allowed CORS origins, comma-separated, or * for any; unset = no cross-origin access' },
    { name: 'BODY_LIMIT_BYTES', type: 'integer', min: 1, default: 1048576, doc: 'Maximum request body size in bytes' },
    { name: 'MAX_HEADER_BYTES', type: 'integer', min: 1024, default: 16384, doc: 'Largest request head (request line and headers) in bytes; larger gets 431, or 414 when the URL alone is too long' },
    { name: 'REQUEST_TIMEOUT_MS', type: 'integer', min: 1, default: 30000, doc: 'Time a client has to send a whole request (headers and body) before it gets 408 and the connection is closed' },
    { name: 'HEADERS_TIMEOUT_MS', type: 'integer', min: 1, default: 10000, doc: 'Time a client has to send the request headers (408); at most REQUEST_TIMEOUT_MS' },
    { name: 'KEEP_ALIVE_TIMEOUT_MS', type: 'integer', min: 1, default: 72000, doc: "How long an idle keep-alive connection stays open; keep it above your load balancer's idle timeout (60 s on most)" },
    { name: 'CONNECTION_TIMEOUT_MS', type: 'integer', min: 0, default: 60000, doc: 'A connection without any traffic for this long is closed (a stalled client, a response nobody reads); 0 = never' },
    { name: 'SHUTDOWN_TIMEOUT_MS', type: 'integer', min: 0, default: 10000, doc: 'Hard limit for graceful shutdown before forcing exit' },
    { name: 'METRICS_PORT', type: 'port', doc: 'Serve /metrics on this port only, not on PORT; unset = on PORT (a worker always serves it on WORKER_PORT)' },
    { name: 'METRICS_TOKEN', type: 'string', secret: true, doc: 'Bearer token Prometheus must send for /metrics (API and worker); unset = no token' },
    { name: 'OTEL_SERVICE_NAME', type: 'string', default: '{{projectName}}', doc: 'service.name on traces and logs' },
    { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', type: 'url', doc: 'OTLP/HTTP collector base URL, e.g. http://localhost:4318; unset = no trace export' },
    { name: 'CACHE_TTL_SECONDS', type: 'integer', min: 1, default: 60, doc: 'How long a cached record stays in the cache' },
  ],
});
