import { spanExporter } from './support/tracing.js';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import { testApp } from './support/app.js';

describe('GraphQL tracing', () => {
  let built: BuiltApp;
  let base: string;
  beforeAll(async () => {
    built = await testApp();
    base = await built.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => built.app.close());

  const post = (query: string, operationName?: string) =>
    fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, operationName }) });

  it('names a span after each operation, inside the request trace', async () => {
    spanExporter.reset();
    const response = await post('query FindNote { note(id: "00000000-0000-4000-8000-000000000000") { id } } query Other { notes { pageInfo { hasNextPage } } }', 'FindNote');
    expect(((await response.json()) as { data: unknown }).data).toEqual({ note: null });
    await expect.poll(() => spanExporter.getFinishedSpans().find((s) => s.name === 'query FindNote')).toBeDefined();
    const spans = spanExporter.getFinishedSpans();
    const operation = spans.find((s) => s.name === 'query FindNote')!;
    expect(operation.attributes).toMatchObject({ 'graphql.operation.type': 'query', 'graphql.operation.name': 'FindNote' });
    const server = spans.find((s) => s.kind === SpanKind.SERVER)!;
    expect(operation.spanContext().traceId).toBe(server.spanContext().traceId);
    expect(spans.some((s) => s.name === 'query Other')).toBe(false);
  });

  it('marks the span of an operation that returned errors', async () => {
    spanExporter.reset();
    await post('mutation Gone { deleteNote(id: "00000000-0000-4000-8000-000000000000") }');
    await expect.poll(() => spanExporter.getFinishedSpans().find((s) => s.name === 'mutation Gone')).toBeDefined();
    expect(spanExporter.getFinishedSpans().find((s) => s.name === 'mutation Gone')!.status.code).toBe(SpanStatusCode.ERROR);
  });
});
