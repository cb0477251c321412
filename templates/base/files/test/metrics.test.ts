import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import { modules } from '../src/modules.js';
import { testApp } from './support/app.js';
import { probeRoutes } from './support/probe-routes.js';
import { hasPromtool, promtoolFindings } from './support/promtool.js';
import { createWidgetsService } from './support/widgets.js';

describe('metrics', () => {
  let built: BuiltApp;
  let text: string;
  let contentType: string;

  beforeAll(async () => {
    built = await testApp({}, { modules: [...modules, probeRoutes] });
    const { app } = built;
    await app.inject('/probe/items/1');
    await app.inject('/probe/items/missing');
    await app.inject('/nope/12345');
    // Through the stack's cache, whichever resources the project has.
    const widgets = createWidgetsService(built);
    const widget = await widgets.create({ name: 't', description: 'b' });
    await widgets.get(widget.id); // cache miss
    await widgets.get(widget.id); // cache hit
    await widgets.get(randomUUID()); // cache miss, no such widget
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
    expect(text).toMatch(/http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/probe\/items\/:id",status_code="200"\}/);
    expect(text).toContain('http_request_duration_seconds_count{method="GET",route="/probe/items/:id",status_code="404"} 1');
    expect(text).toContain('route="unmatched",status_code="404"');
    expect(text).not.toContain('missing"');
    expect(text).not.toContain('/nope/12345');
  });

  it('counts cache hits and misses by cache kind', (ctx) => {
    const { kind } = built.app.cache;
    if (kind === 'none') ctx.skip('this stack has no cache');
    expect(text).toMatch(new RegExp(`cache_requests_total\\{cache="${kind}",result="hit"\\} 1`));
    expect(text).toMatch(new RegExp(`cache_requests_total\\{cache="${kind}",result="miss"\\} 2`));
  });

  it.skipIf(!hasPromtool)('passes promtool check metrics without a finding', () => {
    expect(promtoolFindings(text)).toBe('');
  });
});
