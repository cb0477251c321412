// The OpenTelemetry instrumentations of src/telemetry.ts (and of the tests' tracing setup): HTTP server
// spans and Fastify request spans, with credential-like query parameters redacted from their URLs.
import { FastifyOtelInstrumentation } from '@fastify/otel';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { isProbePath } from './ops-paths.js';
import { splitUrl } from './url-redaction.js';

const ATTR_URL_PATH = 'url.path';
const ATTR_URL_QUERY = 'url.query';

export function createInstrumentations(): [HttpInstrumentation, FastifyOtelInstrumentation] {
  return [
    new HttpInstrumentation({
      ignoreIncomingRequestHook: (request) => isProbePath(request.url ?? ''),
      // Replaces the instrumentation's own url.query (which redacts a few exact, case-sensitive names)
      // before the span starts, so no processor or sampler ever sees the raw value.
      startIncomingSpanHook: (request) => {
        const { query } = splitUrl(request.url ?? '');
        return query === undefined ? {} : { [ATTR_URL_QUERY]: query };
      },
    }),
    // Request and handler spans only: a span for every lifecycle hook (about ten more per request) more
    // than doubled the CPU that tracing costs each request under load.
    new FastifyOtelInstrumentation({
      registerOnInitialization: true,
      instrumentHooks: false,
      // @fastify/otel puts the whole request URL, query included, into url.path.
      requestHook: (span, request) => {
        const { path, query } = splitUrl(request.url);
        span.setAttribute(ATTR_URL_PATH, path);
        if (query !== undefined) span.setAttribute(ATTR_URL_QUERY, query);
      },
    }),
  ];
}
