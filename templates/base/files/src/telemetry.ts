// Loaded before the app (`node --import ./dist/telemetry.js`) so instrumentations patch modules first.
// Reads OTEL_* from the environment directly: the app's config is not loaded yet.
import { FastifyOtelInstrumentation } from '@fastify/otel';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, NoopSpanProcessor } from '@opentelemetry/sdk-trace';
import { beforeProcessExit } from './core/shutdown.js';

const PROBES = new Set(['/livez', '/readyz', '/metrics']);
const endpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();

const sdk = new NodeSDK({
  serviceName: process.env.OTEL_SERVICE_NAME?.trim() || 'groundwork-app',
  // Without an endpoint spans are still created (trace ids in logs) but never exported.
  spanProcessors: [endpoint ? new BatchSpanProcessor({ exporter: new OTLPTraceExporter() }) : new NoopSpanProcessor()],
  metricReaders: [], // metrics are served by prom-client on /metrics
  logRecordProcessors: [], // logs go to stdout via pino
  instrumentations: [
    new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => PROBES.has(req.url?.split('?')[0] ?? '') }),
    // Request and handler spans only: a span for every lifecycle hook (about ten more per request) more
    // than doubled the CPU that tracing costs each request under load.
    new FastifyOtelInstrumentation({ registerOnInitialization: true, instrumentHooks: false }),
  ],
});
sdk.start();

// Flush spans after the app's graceful shutdown has drained requests.
beforeProcessExit(() => sdk.shutdown());
