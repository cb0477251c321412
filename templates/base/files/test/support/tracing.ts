// Import FIRST in a test file: instrumentations must patch http/fastify before they are loaded.
import { NodeSDK } from '@opentelemetry/sdk-node';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { createInstrumentations } from '../../src/core/instrumentations.js';

export const spanExporter = new InMemorySpanExporter();

const sdk = new NodeSDK({
  serviceName: 'test',
  autoDetectResources: false,
  spanProcessors: [new SimpleSpanProcessor({ exporter: spanExporter })],
  metricReaders: [],
  logRecordProcessors: [],
  instrumentations: createInstrumentations(), // the ones src/telemetry.ts starts
});
sdk.start();

export const stopTracing = (): Promise<void> => sdk.shutdown();
