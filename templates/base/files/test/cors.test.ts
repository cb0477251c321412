import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import { modules } from '../src/modules.js';
import { testApp } from './support/app.js';
import { probeRoutes } from './support/probe-routes.js';

const ORIGIN = 'https://app.example.test';
const list = (value: unknown) =>
  String(value)
    .toLowerCase()
    .split(/\s*,\s*/);

describe('CORS', () => {
  let built: BuiltApp;
  beforeAll(async () => {
    built = await testApp({ CORS_ORIGIN: ORIGIN }, { modules: [...modules, probeRoutes] });
  });
  afterAll(() => built.app.close());

  it('answers a preflight for every method and request header the API uses', async () => {
    const res = await built.app.inject({
      method: 'OPTIONS',
      url: '/probe/items/1',
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization, content-type, if-none-match, x-request-id, traceparent',
      },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(list(res.headers['access-control-allow-methods'])).toEqual(expect.arrayContaining(['get', 'head', 'post', 'patch', 'delete', 'options']));
    expect(list(res.headers['access-control-allow-headers'])).toEqual(
      expect.arrayContaining(['authorization', 'content-type', 'if-none-match', 'x-request-id', 'traceparent']),
    );
    expect(Number(res.headers['access-control-max-age'])).toBeGreaterThan(0);
  });

  it('exposes the response headers clients read', async () => {
    const res = await built.app.inject({ url: '/probe/items/1', headers: { origin: ORIGIN } });
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(list(res.headers['access-control-expose-headers'])).toEqual(
      expect.arrayContaining(['ratelimit', 'ratelimit-policy', 'retry-after', 'etag', 'x-request-id', 'location']),
    );
  });

  it('never grants another origin (a single allowed origin is sent as is; the browser compares)', async () => {
    const res = await built.app.inject({
      method: 'OPTIONS',
      url: '/probe/items/1',
      headers: { origin: 'https://evil.example.test', 'access-control-request-method': 'DELETE' },
    });
    expect(res.headers['access-control-allow-origin']).not.toBe('https://evil.example.test');
    expect(res.headers['access-control-allow-origin']).not.toBe('*');
  });
});
