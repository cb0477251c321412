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

  it('logs an allow-list of headers: never credentials, cookies or headers it does not know', async () => {
    const res = await fetch(`${base}/probe/items/1`, {
      headers: {
        authorization: 'Bearer top-secret',
        cookie: 'sid=top-secret',
        'x-api-key': 'top-secret',
        'x-amz-security-token': 'top-secret',
        'x-custom-session': 'top-secret',
        referer: 'https://app.test/callback?code=top-secret',
        accept: 'application/json',
        'user-agent': 'log-test/1.0',
      },
    });
    const [line] = requestLines(res.headers.get('x-request-id')!);
    expect(line?.headers).toMatchObject({ accept: 'application/json', 'user-agent': 'log-test/1.0' });
    for (const name of ['authorization', 'cookie', 'x-api-key', 'x-amz-security-token', 'x-custom-session', 'referer']) {
      expect(line?.headers, name).not.toHaveProperty(name);
    }
    expect(JSON.stringify(logs.lines)).not.toContain('top-secret');
  });

  it('redacts token-like query parameters in the logged URL, whatever their case, and keeps the others', async () => {
    const query =
      'page=2&token=t1&Access_Token=t2&id_token=t3&refresh_token=t4&code=t5&API_KEY=t6&apikey=t7&key=t8' +
      '&client_secret=t9&password=t10&Signature=t11&sig=t12&X-Amz-Signature=t13&acc%65ss_token=t14&sort=asc';
    const res = await fetch(`${base}/probe/items/1?${query}`);
    const [line] = requestLines(res.headers.get('x-request-id')!);
    expect(line?.url).toBe(
      '/probe/items/1?page=2&token=[REDACTED]&Access_Token=[REDACTED]&id_token=[REDACTED]&refresh_token=[REDACTED]&code=[REDACTED]' +
        '&API_KEY=[REDACTED]&apikey=[REDACTED]&key=[REDACTED]&client_secret=[REDACTED]&password=[REDACTED]&Signature=[REDACTED]' +
        '&sig=[REDACTED]&X-Amz-Signature=[REDACTED]&acc%65ss_token=[REDACTED]&sort=asc',
    );
    expect(JSON.stringify(logs.lines)).not.toMatch(/=t\d+\b/);
  });

  it('logs an unexpected error by type, message and stack, without the data it carried', async () => {
    const res = await fetch(`${base}/probe/query-failure`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'secret-title-from-the-request' }) });
    expect(res.status).toBe(500);
    const [line] = requestLines(res.headers.get('x-request-id')!);
    expect(line).toMatchObject({ msg: 'request failed', status_code: 500, err: { type: 'QueryFailure', message: expect.stringContaining('Failed query: insert into') } });
    expect(line?.err.message).toContain('params: [REDACTED]');
    expect(line?.err.stack).toContain('probe-routes'); // where it was thrown
    expect(line?.err).not.toHaveProperty('params');
    expect(JSON.stringify(logs.lines)).not.toContain('secret-title-from-the-request');
  });

  it('logs requests to user routes that merely look like probes', async () => {
    for (const path of ['/livez/', '/metricsfoo', '/metrics/x']) {
      const res = await fetch(`${base}${path}`);
      expect(requestLines(res.headers.get('x-request-id')!), path).toHaveLength(1);
    }
  });

  it('does not log probes or /metrics', async () => {
    for (const path of ['/livez', '/readyz', '/metrics']) {
      const res = await fetch(`${base}${path}`);
      expect(requestLines(res.headers.get('x-request-id')!)).toHaveLength(0);
    }
  });
});
