import './support/tracing.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import { modules } from '../src/modules.js';
import { testApp } from './support/app.js';
import { captureLogs } from './support/log-capture.js';
import { probeRoutes } from './support/probe-routes.js';

describe('request logging', () => {
  const logs = captureLogs();
  let built: BuiltApp;
  let base: string;

  beforeAll(async () => {
    built = await testApp({ LOG_LEVEL: 'info' }, { logStream: logs.stream, modules: [...modules, probeRoutes] });
    base = await built.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => built.app.close());

  const requestLines = (id: string) => logs.lines.filter((l) => l.request_id === id);

  it('writes exactly one line per request, echoing the incoming x-request-id', async () => {
    const res = await fetch(`${base}/probe/items/1?verbose=1`, { headers: { 'x-request-id': 'req-abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('req-abc-123');
    const lines = requestLines('req-abc-123');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ method: 'GET', route: '/probe/items/:id', status_code: 200, msg: 'request completed' });
    expect(typeof lines[0]!.duration_ms).toBe('number');
  });

  it('generates a UUID request id when none (or a malformed one) is sent', async () => {
    const res = await fetch(`${base}/probe/items/1`, { headers: { 'x-request-id': 'bad id with spaces' } });
    const id = res.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(requestLines(id)).toHaveLength(1);
  });

  it('carries trace_id/span_id of the continued W3C trace', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const res = await fetch(`${base}/probe/items/1`, { headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` } });
    const [line] = requestLines(res.headers.get('x-request-id')!);
    expect(line?.trace_id).toBe(traceId);
    expect(line?.span_id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('redacts authorization and cookie headers', async () => {
    const res = await fetch(`${base}/probe/items/1`, { headers: { authorization: 'Bearer top-secret', cookie: 'sid=top-secret' } });
    const [line] = requestLines(res.headers.get('x-request-id')!);
    expect(line?.headers.authorization).toBe('[REDACTED]');
    expect(line?.headers.cookie).toBe('[REDACTED]');
    expect(JSON.stringify(logs.lines)).not.toContain('top-secret');
  });

  it('does not log probes or /metrics', async () => {
    for (const path of ['/livez', '/readyz', '/metrics']) {
      const res = await fetch(`${base}${path}`);
      expect(requestLines(res.headers.get('x-request-id')!)).toHaveLength(0);
    }
  });
});
