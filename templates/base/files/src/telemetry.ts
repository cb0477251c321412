// Loaded before the app (`node --import ./dist/telemetry.js`) so instrumentations patch modules first.
// Reads OTEL_* from the environment directly: the app's config is not loaded yet.
import { register } from 'node:module';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, NoopSpanProcessor } from '@opentelemetry/sdk-trace';
import { createInstrumentations, instrumentedModules } from './core/instrumentations.js';
import { beforeProcessExit } from './core/shutdown.js';

// The drivers are imported as ES modules, which the instrumentations can patch only through
// import-in-the-middle's loader hook; `include` keeps it away from every other import.
if (instrumentedModules.length > 0) register('import-in-the-middle/hook.mjs', import.meta.url, { data: { include: instrumentedModules } });

const endpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();

const sdk = new NodeSDK({
  serviceName: process.env.OTEL_SERVICE_NAME?.trim() || 'groundwork-app',
  // Without an endpoint spans are still created (trace ids in logs) but never exported.
  spanProcessors: [endpoint ? new BatchSpanProcessor({ exporter: new OTLPTraceExporter() }) : new NoopSpanProcessor()],
  metricReaders: [], // metrics are served by prom-client on /metrics
  logRecordProcessors: [], // logs go to stdout via pino
  instrumentations: createInstrumentations(),
});
sdk.start();

// Flush spans after the app's graceful shutdown has drained requests.
beforeProcessExit(() => sdk.shutdown());
