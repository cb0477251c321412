import { afterEach, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import { MemoryRateLimitStore } from '../src/core/rate-limit.js';
import { modules } from '../src/modules.js';
import { testApp, testModules } from './support/app.js';
import { testModule } from './support/modules.js';
import { withFakeAuth } from './support/fake-auth.js';
import { probeRoutes } from './support/probe-routes.js';

const ITEM = '/probe/items/1';

describe('rate limiting', () => {
  let built: BuiltApp;
  afterEach(() => built.app.close());

  it('sends RateLimit-Policy and RateLimit headers on API routes', async () => {
    built = await testApp({ RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_SECONDS: '30' }, { modules: [...modules, probeRoutes] });
    const res = await built.app.inject(ITEM);
    expect(res.headers['ratelimit-policy']).toBe('"default";q=3;w=30');
    expect(res.headers['ratelimit']).toMatch(/^"default";r=2;t=(30|29)$/);
  });

  it('answers 429 with Retry-After and problem+json once the window is used up', async () => {
    built = await testApp({ RATE_LIMIT_MAX: '2', RATE_LIMIT_WINDOW_SECONDS: '60' }, { modules: [...modules, probeRoutes] });
    await built.app.inject(ITEM);
    await built.app.inject(ITEM);
    const res = await built.app.inject(ITEM);
    expect(res.statusCode).toBe(429);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.headers['ratelimit']).toMatch(/^"default";r=0;t=\d+$/);
    expect(res.json()).toMatchObject({ status: 429, title: 'Too Many Requests' });
  });

  it('does not limit probes, /metrics or API docs', async () => {
    built = await testApp({ RATE_LIMIT_MAX: '1' }, { modules: [...modules, probeRoutes] });
    await built.app.inject(ITEM);
    const docs = ['/openapi.json', '/docs'].filter((url) => built.app.hasRoute({ method: 'GET', url })); // with api rest
    for (const url of ['/livez', '/readyz', '/metrics', ...docs, '/livez']) {
      const res = await built.app.inject(url);
      expect(res.statusCode, url).toBeLessThan(400);
      expect(res.headers['ratelimit'], url).toBeUndefined();
    }
  });

  it('keys by authenticated principal, else by client IP', async () => {
    built = await testApp({ RATE_LIMIT_MAX: '1' }, { modules: withFakeAuth([...modules, probeRoutes]) });
    expect((await built.app.inject(ITEM)).statusCode).toBe(200);
    expect((await built.app.inject(ITEM)).statusCode).toBe(429); // same IP
    const asUser = await built.app.inject({ url: ITEM, headers: { authorization: 'Bearer good-token' } });
    expect(asUser.statusCode).toBe(200); // own bucket
  });

  it('lets requests through without headers when the store fails (fail open)', async () => {
    const failing = testModule('failing-rate-limit-store', (app) => {
      app.decorate('rateLimitStore', { kind: 'broken', hit: () => Promise.reject(new Error('store down')) });
    });
    // The core alone: the stack's modules may decorate a store of their own (connection-redis with REDIS_URL).
    built = await testModules([failing, probeRoutes], { RATE_LIMIT_MAX: '1' });
    for (let i = 0; i < 3; i++) {
      const res = await built.app.inject(ITEM);
      expect(res.statusCode).toBe(200);
      expect(res.headers['ratelimit']).toBeUndefined();
    }
  });

  it('memory store starts a new window after expiry and sweeps old keys', async () => {
    const store = new MemoryRateLimitStore(60_000);
    expect((await store.hit('k', 20)).count).toBe(1);
    expect((await store.hit('k', 20)).count).toBe(2);
    await new Promise((r) => setTimeout(r, 30));
    store.sweep();
    expect(store.size).toBe(0);
    expect((await store.hit('k', 20)).count).toBe(1);
    store.close();
  });
});
