import { spanExporter } from './support/tracing.js';
import { SpanKind } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import { modules } from '../src/modules.js';
import { testApp } from './support/app.js';
import { probeRoutes } from './support/probe-routes.js';

describe('tracing', () => {
  let built: BuiltApp;
  let base: string;
  beforeAll(async () => {
    built = await testApp({}, { modules: [...modules, probeRoutes] });
    base = await built.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => built.app.close());

  it('creates a server span that continues the incoming W3C traceparent', async () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const parentSpanId = 'b7ad6b7169203331';
    spanExporter.reset();
    const res = await fetch(`${base}/probe/items/1`, { headers: { traceparent: `00-${traceId}-${parentSpanId}-01` } });
    expect(res.status).toBe(200);
    await expect.poll(() => spanExporter.getFinishedSpans().find((s) => s.kind === SpanKind.SERVER)).toBeDefined();
    const spans = spanExporter.getFinishedSpans();
    const server = spans.find((s) => s.kind === SpanKind.SERVER)!;
    expect(server.spanContext().traceId).toBe(traceId);
    expect(server.parentSpanContext?.spanId).toBe(parentSpanId);
    // Fastify instrumentation adds child spans carrying the route template.
    expect(spans.every((s) => s.spanContext().traceId === traceId)).toBe(true);
    expect(spans.some((s) => s.attributes['http.route'] === '/probe/items/:id')).toBe(true);
  });

  it('starts a new trace when no traceparent is sent', async () => {
    spanExporter.reset();
    await fetch(`${base}/probe/items/1`);
    await expect.poll(() => spanExporter.getFinishedSpans().find((s) => s.kind === SpanKind.SERVER)).toBeDefined();
    const server = spanExporter.getFinishedSpans().find((s) => s.kind === SpanKind.SERVER)!;
    expect(server.parentSpanContext).toBeUndefined();
  });

  it('redacts token-like query parameters from span attributes', async () => {
    spanExporter.reset();
    await fetch(`${base}/probe/items/1?page=2&Access_Token=span-secret-1&X-Amz-Signature=span-secret-2`);
    await expect.poll(() => spanExporter.getFinishedSpans().find((s) => s.kind === SpanKind.SERVER)).toBeDefined();
    const spans = spanExporter.getFinishedSpans();
    const server = spans.find((s) => s.kind === SpanKind.SERVER)!;
    expect(server.attributes['url.query']).toBe('page=2&Access_Token=[REDACTED]&X-Amz-Signature=[REDACTED]');
    const request = spans.find((s) => s.attributes['http.route'] === '/probe/items/:id' && s.attributes['url.path'] !== undefined)!;
    expect(request.attributes['url.path']).toBe('/probe/items/1');
    expect(JSON.stringify(spans.map((s) => s.attributes))).not.toContain('span-secret');
  });
});
