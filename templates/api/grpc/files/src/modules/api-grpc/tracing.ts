// A server span per call, child of the W3C trace context the client sent in its metadata.
import { status, type Metadata } from '@grpc/grpc-js';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type TextMapGetter } from '@opentelemetry/api';
import { settled, type Interceptor } from './call.js';
import { SPAN_ERROR_CODES } from './errors.js';

const metadataGetter: TextMapGetter<Metadata> = {
  keys: (metadata) => Object.keys(metadata.getMap()),
  get: (metadata, key) => {
    const values = metadata.get(key).map(String);
    return values.length > 0 ? values : undefined;
  },
};

export function traceCalls(): Interceptor {
  const tracer = trace.getTracer('api-grpc');
  return async (call, next) => {
    const parent = propagation.extract(ROOT_CONTEXT, call.metadata, metadataGetter);
    const span = tracer.startSpan(
      `${call.rpc.service}/${call.rpc.method}`,
      { kind: SpanKind.SERVER, attributes: { 'rpc.system': 'grpc', 'rpc.service': call.rpc.service, 'rpc.method': call.rpc.method } },
      parent,
    );
    await settled(call, () => context.with(trace.setSpan(parent, span), next), (outcome) => {
      const code = outcome?.code ?? status.OK;
      span.setAttribute('rpc.grpc.status_code', code);
      if (SPAN_ERROR_CODES.has(code)) span.setStatus({ code: SpanStatusCode.ERROR, message: status[code] });
      span.end();
    });
  };
}
