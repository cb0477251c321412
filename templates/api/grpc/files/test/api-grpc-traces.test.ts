import { spanExporter } from './support/tracing.js';
import { status } from '@grpc/grpc-js';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grpcTestApp, metadataOf, serviceClient, unary, type GrpcTestApp } from './support/grpc.js';
import { PROBE_SERVICE, type ProbeClient } from './support/grpc-probe.js';
import { captureLogs } from './support/log-capture.js';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const PARENT_ID = 'b7ad6b7169203331';
const SPAN_NAME = `${PROBE_SERVICE}/Echo`;

describe('gRPC tracing', () => {
  let app: GrpcTestApp;
  const logs = captureLogs();
  beforeAll(async () => {
    app = await grpcTestApp({ LOG_LEVEL: 'info' }, { logStream: logs.stream });
  });
  afterAll(() => app.app.close());

  it('makes a server span per call, child of the traceparent in the metadata, and logs its trace id', async () => {
    spanExporter.reset();
    const client = serviceClient<ProbeClient>(app.address, PROBE_SERVICE);
    const result = await unary((cb) => client.Echo({ failWithStatus: 404 }, metadataOf({ traceparent: `00-${TRACE_ID}-${PARENT_ID}-01` }), cb));
    client.close();
    expect(result.error?.code).toBe(status.NOT_FOUND);
    await expect.poll(() => spanExporter.getFinishedSpans().find((s) => s.name === SPAN_NAME), { timeout: 15_000 }).toBeDefined();
    const span = spanExporter.getFinishedSpans().find((s) => s.name === SPAN_NAME)!;
    expect(span.kind).toBe(SpanKind.SERVER);
    expect(span.spanContext().traceId).toBe(TRACE_ID);
    expect(span.parentSpanContext?.spanId).toBe(PARENT_ID);
    expect(span.attributes).toMatchObject({ 'rpc.system': 'grpc', 'rpc.service': PROBE_SERVICE, 'rpc.method': 'Echo', 'rpc.grpc.status_code': status.NOT_FOUND });
    expect(span.status.code).toBe(SpanStatusCode.UNSET); // NOT_FOUND is the client's doing, not a server error
    expect(logs.lines.find((l) => l.msg === 'grpc call completed')).toMatchObject({ trace_id: TRACE_ID, span_id: span.spanContext().spanId });
  });

  it('marks the span of a call the server failed as an error', async () => {
    spanExporter.reset();
    const client = serviceClient<ProbeClient>(app.address, PROBE_SERVICE);
    expect((await unary((cb) => client.Echo({ failWithStatus: 503 }, cb))).error?.code).toBe(status.UNAVAILABLE);
    client.close();
    await expect.poll(() => spanExporter.getFinishedSpans().find((s) => s.name === SPAN_NAME), { timeout: 15_000 }).toBeDefined();
    expect(spanExporter.getFinishedSpans().find((s) => s.name === SPAN_NAME)!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'UNAVAILABLE' });
  });
});
