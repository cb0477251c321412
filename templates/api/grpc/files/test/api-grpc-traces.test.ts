import { spanExporter } from './support/tracing.js';
import { status } from '@grpc/grpc-js';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLogs } from './support/log-capture.js';
import { grpcTestApp, metadataOf, notesClient, unary, type GrpcTestApp } from './support/grpc.js';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const PARENT_ID = 'b7ad6b7169203331';

describe('gRPC tracing', () => {
  let app: GrpcTestApp;
  const logs = captureLogs();
  beforeAll(async () => {
    app = await grpcTestApp({ LOG_LEVEL: 'info' }, { logStream: logs.stream });
  });
  afterAll(() => app.app.close());

  it('makes a server span per call, child of the traceparent in the metadata, and logs its trace id', async () => {
    spanExporter.reset();
    const client = notesClient(app.address);
    const result = await unary((cb) => client.Get({ id: 'missing' }, metadataOf({ traceparent: `00-${TRACE_ID}-${PARENT_ID}-01` }), cb));
    client.close();
    expect(result.error?.code).toBe(status.NOT_FOUND);
    await expect.poll(() => spanExporter.getFinishedSpans().find((s) => s.name === 'notes.v1.NotesService/Get'), { timeout: 15_000 }).toBeDefined();
    const span = spanExporter.getFinishedSpans().find((s) => s.name === 'notes.v1.NotesService/Get')!;
    expect(span.kind).toBe(SpanKind.SERVER);
    expect(span.spanContext().traceId).toBe(TRACE_ID);
    expect(span.parentSpanContext?.spanId).toBe(PARENT_ID);
    expect(span.attributes).toMatchObject({ 'rpc.system': 'grpc', 'rpc.service': 'notes.v1.NotesService', 'rpc.method': 'Get', 'rpc.grpc.status_code': status.NOT_FOUND });
    expect(span.status.code).toBe(SpanStatusCode.UNSET); // NOT_FOUND is the client's doing, not a server error
    expect(logs.lines.find((l) => l.msg === 'grpc call completed')).toMatchObject({ trace_id: TRACE_ID, span_id: span.spanContext().spanId });
  });
});
