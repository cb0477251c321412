import { afterEach, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import { testApp } from './support/app.js';

describe('health', () => {
  let built: BuiltApp;
  afterEach(() => built.app.close());

  it('/livez reports the process only', async () => {
    built = await testApp();
    const res = await built.app.inject('/livez');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/health+json');
    expect(res.json()).toEqual({ status: 'pass' });
  });

  it('/readyz runs every registered check and passes when all pass', async () => {
    built = await testApp();
    built.ctx.health.register({ name: 'db', check: async () => {} });
    built.ctx.health.register({ name: 'cache', check: async () => {} });
    const res = await built.app.inject('/readyz');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/health+json');
    expect(res.json()).toMatchObject({ status: 'pass', checks: { db: { status: 'pass' }, cache: { status: 'pass' } } });
  });

  it('/readyz is 503 when a check fails or times out, and runs checks concurrently', async () => {
    built = await testApp();
    built.ctx.health.register({ name: 'ok', check: async () => {} });
    built.ctx.health.register({ name: 'broken', check: async () => Promise.reject(new Error('connection refused')) });
    built.ctx.health.register({
      name: 'slow',
      timeoutMs: 100,
      check: (signal) => new Promise((resolve) => signal.addEventListener('abort', () => resolve())),
    });
    built.ctx.health.register({ name: 'slow2', timeoutMs: 100, check: () => new Promise(() => {}) });
    const started = Date.now();
    const res = await built.app.inject('/readyz');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({
      status: 'fail',
      checks: {
        ok: { status: 'pass' },
        broken: { status: 'fail', output: 'connection refused' },
        slow: { status: 'fail', output: 'timed out after 100ms' },
        slow2: { status: 'fail' },
      },
    });
  });

  it('/readyz is 503 as soon as shutdown begins while /livez still passes', async () => {
    built = await testApp();
    built.health.beginShutdown();
    const ready = await built.app.inject('/readyz');
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ status: 'fail' });
    expect((await built.app.inject('/livez')).statusCode).toBe(200);
  });
});
