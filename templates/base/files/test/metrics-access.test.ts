import { afterEach, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import { modules } from '../src/modules.js';
import { testApp, testModules } from './support/app.js';
import { probeRoutes } from './support/probe-routes.js';
import { portOf } from './support/raw-http.js';

const TOKEN = 'metrics-test-token-0123456789abcdef';

describe('/metrics access', () => {
  let built: BuiltApp | undefined;
  afterEach(async () => {
    await built?.app.close();
    built = undefined;
  });

  it('with METRICS_TOKEN, answers 401 problem+json without the bearer token or with a wrong one', async () => {
    built = await testApp({ METRICS_TOKEN: TOKEN });
    const missing = await built.app.inject('/metrics');
    expect(missing.statusCode).toBe(401);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="metrics"');
    for (const authorization of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`, 'Bearer ']) {
      const wrong = await built.app.inject({ url: '/metrics', headers: { authorization } });
      expect(wrong.statusCode, authorization).toBe(401);
      expect(wrong.body).not.toContain('process_cpu');
    }
    const forged = await built.app.inject({ url: '/metrics', headers: { authorization: 'Bearer forged' } });
    expect(forged.headers['www-authenticate']).toMatch(/^Bearer realm="metrics", error="invalid_token"/);
    const ok = await built.app.inject({ url: '/metrics', headers: { authorization: `bearer ${TOKEN}` } });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('# TYPE process_cpu_user_seconds_total counter');
  });

  it('with METRICS_PORT, serves /metrics only there, with the API server’s metrics, and closes it with the app', async () => {
    built = await testApp({ METRICS_PORT: '0' }, { modules: [...modules, probeRoutes] });
    expect((await built.app.inject('/metrics')).statusCode).toBe(404);
    await built.app.listen({ host: '127.0.0.1', port: 0 });
    const metricsServer = built.metricsServer!;
    const metricsUrl = `http://127.0.0.1:${portOf(metricsServer)}/metrics`;
    await built.app.inject('/probe/items/1');
    const res = await fetch(metricsUrl);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('http_request_duration_seconds_count{method="GET",route="/probe/items/:id",status_code="200"} 1');
    // The metrics port serves nothing else.
    const other = await fetch(`http://127.0.0.1:${portOf(metricsServer)}/probe/items/1`);
    expect(other.status).toBe(404);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    await built.app.close();
    built = undefined;
    await expect(fetch(metricsUrl)).rejects.toThrow();
  });

  it('with METRICS_PORT and METRICS_TOKEN, the metrics port requires the token', async () => {
    built = await testApp({ METRICS_PORT: '0', METRICS_TOKEN: TOKEN });
    const url = `http://127.0.0.1:${portOf(built.metricsServer!)}/metrics`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
  });

  it('an ops-only server (the worker’s) keeps /metrics on its own port whatever METRICS_PORT says, behind METRICS_TOKEN', async () => {
    built = await testModules([], { METRICS_PORT: '0', METRICS_TOKEN: TOKEN });
    expect((await built.app.inject('/livez')).statusCode).toBe(200);
    expect((await built.app.inject('/metrics')).statusCode).toBe(401);
    expect((await built.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).statusCode).toBe(200);
  });
});
