// Loaded before the app (`node --import ./dist/telemetry.js`) so instrumentations patch modules first.
// Reads OTEL_* from the environment directly: the app's config is not loaded yet.
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, NoopSpanProcessor } from '@opentelemetry/sdk-trace';
import { createInstrumentations } from './core/instrumentations.js';
import { beforeProcessExit } from './core/shutdown.js';

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
