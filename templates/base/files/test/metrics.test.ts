import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import { testApp } from './support/app.js';
import { authHeaders } from './support/auth.js';

const promtool = spawnSync('promtool', ['--version']).status === 0;

describe('metrics', () => {
  let built: BuiltApp;
  let text: string;
  let contentType: string;

  beforeAll(async () => {
    built = await testApp();
    const { app } = built;
    const created = await app.inject({ method: 'POST', url: '/v1/notes', headers: await authHeaders(), payload: { title: 't', body: 'b' } });
    const id = created.json().id as string;
    await app.inject(`/v1/notes/${id}`); // cache miss
    await app.inject(`/v1/notes/${id}`); // cache hit
    await app.inject('/v1/notes/does-not-exist');
    await app.inject('/nope/12345');
    const res = await app.inject('/metrics');
    text = res.body;
    contentType = String(res.headers['content-type']);
  });
  afterAll(() => built.app.close());

  it('serves the Prometheus text format with default process metrics', () => {
    expect(contentType).toContain('text/plain');
    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('labels the request histogram with the route template, never the raw URL', () => {
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(text).toMatch(/http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/v1\/notes\/:id",status_code="200"\}/);
    expect(text).toContain('http_request_duration_seconds_count{method="GET",route="/v1/notes/:id",status_code="404"} 1');
    expect(text).toContain('route="unmatched",status_code="404"');
    expect(text).not.toContain('does-not-exist');
    expect(text).not.toContain('/nope/12345');
  });

  it('counts cache hits and misses by cache kind', (ctx) => {
    const { kind } = built.ctx.ports.cache;
    if (kind === 'none') ctx.skip('this stack has no cache');
    expect(text).toMatch(new RegExp(`cache_requests_total\\{cache="${kind}",result="hit"\\} 1`));
    expect(text).toMatch(new RegExp(`cache_requests_total\\{cache="${kind}",result="miss"\\} 2`));
  });

  it.skipIf(!promtool)('passes promtool check metrics without a finding', () => {
    const result = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(`${result.stdout}${result.stderr}`.trim()).toBe('');
    expect(result.status).toBe(0);
  });
});
