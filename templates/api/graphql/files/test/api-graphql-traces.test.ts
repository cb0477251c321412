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
    const response = await post('query Ready { health { status } } query Other { __typename }', 'Ready');
    expect(((await response.json()) as { data: unknown }).data).toEqual({ health: { status: 'pass' } });
    await expect.poll(() => spanExporter.getFinishedSpans().find((s) => s.name === 'query Ready')).toBeDefined();
    const spans = spanExporter.getFinishedSpans();
    const operation = spans.find((s) => s.name === 'query Ready')!;
    expect(operation.attributes).toMatchObject({ 'graphql.operation.type': 'query', 'graphql.operation.name': 'Ready' });
    const server = spans.find((s) => s.kind === SpanKind.SERVER)!;
    expect(operation.spanContext().traceId).toBe(server.spanContext().traceId);
    expect(spans.some((s) => s.name === 'query Other')).toBe(false);
  });

  it('marks the span of an operation that returned errors', async () => {
    spanExporter.reset();
    const { readiness } = built.ctx.health;
    built.ctx.health.readiness = async () => Promise.reject(new Error('readiness crashed'));
    try {
      const response = await post('query Unready { health { status } }');
      expect(((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors.map((e) => e.extensions.code)).toEqual(['INTERNAL_SERVER_ERROR']);
    } finally {
      built.ctx.health.readiness = readiness;
    }
    await expect.poll(() => spanExporter.getFinishedSpans().find((s) => s.name === 'query Unready')).toBeDefined();
    expect(spanExporter.getFinishedSpans().find((s) => s.name === 'query Unready')!.status.code).toBe(SpanStatusCode.ERROR);
  });
});
