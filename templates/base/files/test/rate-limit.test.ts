import { afterEach, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import { MemoryRateLimitStore } from '../src/core/rate-limit.js';
import { testApp } from './support/app.js';
import { fakeAuthModule } from './support/fake-auth.js';
import { modules } from '../src/modules.js';
import { defineModule } from '../src/core/context.js';

describe('rate limiting', () => {
  let built: BuiltApp;
  afterEach(() => built.app.close());

  it('sends RateLimit-Policy and RateLimit headers on API routes', async () => {
    built = await testApp({ RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_SECONDS: '30' });
    const res = await built.app.inject('/v1/notes');
    expect(res.headers['ratelimit-policy']).toBe('"default";q=3;w=30');
    expect(res.headers['ratelimit']).toMatch(/^"default";r=2;t=(30|29)$/);
  });

  it('answers 429 with Retry-After and problem+json once the window is used up', async () => {
    built = await testApp({ RATE_LIMIT_MAX: '2', RATE_LIMIT_WINDOW_SECONDS: '60' });
    await built.app.inject('/v1/notes');
    await built.app.inject('/v1/notes');
    const res = await built.app.inject('/v1/notes');
    expect(res.statusCode).toBe(429);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.headers['ratelimit']).toMatch(/^"default";r=0;t=\d+$/);
    expect(res.json()).toMatchObject({ status: 429, title: 'Too Many Requests' });
  });

  it('does not limit probes, /metrics, /docs or /openapi.json', async () => {
    built = await testApp({ RATE_LIMIT_MAX: '1' });
    await built.app.inject('/v1/notes');
    for (const url of ['/livez', '/readyz', '/metrics', '/openapi.json', '/docs', '/livez']) {
      const res = await built.app.inject(url);
      expect(res.statusCode, url).toBeLessThan(400);
      expect(res.headers['ratelimit'], url).toBeUndefined();
    }
  });

  it('keys by authenticated principal, else by client IP', async () => {
    built = await testApp({ RATE_LIMIT_MAX: '1' }, { modules: [...modules, fakeAuthModule] });
    expect((await built.app.inject('/v1/notes')).statusCode).toBe(200);
    expect((await built.app.inject('/v1/notes')).statusCode).toBe(429); // same IP
    const asUser = await built.app.inject({ url: '/v1/notes', headers: { authorization: 'Bearer good-token' } });
    expect(asUser.statusCode).toBe(200); // own bucket
  });

  it('lets requests through without headers when the store fails (fail open)', async () => {
    const failing = defineModule({
      name: 'failing-rate-limit-store',
      kind: 'infra',
      register(_app, ctx) {
        ctx.ports.rateLimitStore = { kind: 'broken', hit: () => Promise.reject(new Error('store down')) };
      },
    });
    built = await testApp({ RATE_LIMIT_MAX: '1' }, { modules: [...modules, failing] });
    for (let i = 0; i < 3; i++) {
      const res = await built.app.inject('/v1/notes');
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
