// Import FIRST in a test file: instrumentations must patch http/fastify before they are loaded.
import { FastifyOtelInstrumentation } from '@fastify/otel';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';

export const spanExporter = new InMemorySpanExporter();

const sdk = new NodeSDK({
  serviceName: 'test',
  autoDetectResources: false,
  spanProcessors: [new SimpleSpanProcessor({ exporter: spanExporter })],
  metricReaders: [],
  logRecordProcessors: [],
  // Same instrumentation options as src/telemetry.ts.
  instrumentations: [new HttpInstrumentation(), new FastifyOtelInstrumentation({ registerOnInitialization: true, instrumentHooks: false })],
});
sdk.start();

export const stopTracing = (): Promise<void> => sdk.shutdown();
