// src/telemetry.ts in a process of its own: what a deployed app exports (see support/traced-app.ts),
// the drivers' spans included for each server a TEST_* variable names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceUrl } from './support/services.js';
import { dbSystemOf, type ExportedSpan, queryTextOf, startTracedApp, type TracedApp } from './support/traced-app.js';
import { tracedServices } from './support/traced-services.js';

describe('telemetry (src/telemetry.ts, exporting over OTLP/HTTP)', () => {
  let traced: TracedApp;
  let status: number;
  let spans: ExportedSpan[];
  const cleanups: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    let env: Record<string, string> = {};
    for (const service of tracedServices) {
      const url = serviceUrl(service.variable);
      if (!url) continue;
      const prepared = await service.tracedEnv(url);
      cleanups.push(prepared.cleanup);
      env = { ...env, ...prepared.env };
    }
    traced = await startTracedApp(env);
    ({ status, spans } = await traced.trace('/probe/store'));
    // A process that loads the whole app through tsx, beside the other test files on a busy machine.
  }, 120_000);
  afterAll(async () => {
    await traced?.stop();
    for (const cleanup of cleanups) await cleanup();
  });

  it('exports the server span and the request span of one trace, continuing the traceparent', () => {
    expect(status).toBe(200);
    expect(spans.find((span) => span.kind === 2)).toMatchObject({ scope: '@opentelemetry/instrumentation-http', name: expect.stringMatching(/^GET\b/) });
    expect(spans.some((span) => span.scope === '@fastify/otel' && span.attributes['http.route'] === '/probe/store')).toBe(true);
  });

  for (const service of tracedServices) {
    it(`spans each call ${service.module} makes for the request as a client span of its trace`, (ctx) => {
      if (!serviceUrl(service.variable)) ctx.skip(`set ${service.variable} to trace ${service.module} against a real server`);
      const calls = spans.filter((span) => span.scope === service.scope);
      expect(calls.length).toBeGreaterThan(0);
      for (const call of calls) {
        expect(call.kind).toBe(3);
        expect(dbSystemOf(call)).toBe(service.system);
        // The rate limit's key holds the client's address: no key or value of a call reaches its statement.
        expect(String(queryTextOf(call) ?? '')).not.toContain('127.0.0.1');
      }
    });
  }
});
