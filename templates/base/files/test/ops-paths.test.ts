import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import { requirePrincipal } from '../src/core/auth.js';
import { modules } from '../src/modules.js';
import { testApp } from './support/app.js';
import { testModule } from './support/modules.js';
import { withFakeAuth } from './support/fake-auth.js';
import { probeRoutes } from './support/probe-routes.js';
import { portOf, rawRequest } from './support/raw-http.js';

// User routes whose paths start like an ops endpoint's: ordinary API routes all the same.
const LOOKALIKES = ['/metricsfoo', '/metrics/x', '/livez-debug', '/readyz/deep', '/docs-private', '/docsx', '/docs/private', '/openapi.json.bak'];

const lookalikeRoutes = testModule('lookalike-routes', (app) => {
  for (const url of LOOKALIKES) app.get(url, { preHandler: requirePrincipal(() => app.authenticator) }, async () => ({ user: 'route' }));
});

/** Every route @fastify/swagger-ui and the REST module serve, when this stack has them. */
const DOCS = [
  '/openapi.json',
  '/docs',
  '/docs/',
  '/docs/json',
  '/docs/yaml',
  '/docs/static/index.html',
  '/docs/static/swagger-initializer.js',
  '/docs/static/swagger-ui.css',
];

describe('ops endpoints are exact: look-alike paths are rate limited and authenticated', () => {
  let built: BuiltApp;
  let port: number;
  beforeAll(async () => {
    built = await testApp({ RATE_LIMIT_MAX: '1000' }, { modules: withFakeAuth([...modules, probeRoutes, lookalikeRoutes]) });
    await built.app.listen({ host: '127.0.0.1', port: 0 });
    port = portOf(built.app);
  });
  afterAll(() => built.app.close());

  const rawGet = (path: string, authorization?: string) =>
    rawRequest(port, `GET ${path} HTTP/1.1\r\nhost: test\r\n${authorization ? `authorization: ${authorization}\r\n` : ''}connection: close\r\n\r\n`);

  it.each(LOOKALIKES)('%s needs credentials and counts against the rate limit', async (path) => {
    const anonymous = await built.app.inject(path);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['www-authenticate']).toBe('Bearer');
    expect(anonymous.headers['ratelimit']).toBeDefined();
    const badToken = await built.app.inject({ url: path, headers: { authorization: 'Bearer forged' } });
    expect(badToken.statusCode).toBe(401);
    expect(badToken.headers['www-authenticate']).toContain('error="invalid_token"');
    const ok = await built.app.inject({ url: path, headers: { authorization: 'Bearer good-token' } });
    expect(ok.json()).toEqual({ user: 'route' });
  });

  // Sent as written over a socket: fetch and inject would resolve the dot segments first.
  it.each([
    '/livez/../probe/items/1',
    '/metrics/../probe/items/1',
    '/readyz/./../probe/items/1',
    '/metrics/',
    '//metrics',
    '/livez/',
    '/metrics;x',
    '/docs/../probe/items/1',
  ])('%s is an API request: authenticated and rate limited', async (path) => {
    const res = await rawGet(path, 'Bearer forged');
    expect(res.status, res.body).toBe(401);
    expect(res.headers['ratelimit']).toBeDefined();
  });

  it('never lets a dot-segment URL under the docs assets reach a user route', async () => {
    const res = await rawGet('/docs/static/../../probe/items/1', 'Bearer good-token');
    expect(res.body).not.toContain('"id":"1"');
  });

  it('exempts the probes, /metrics and the docs routes themselves, even with a forged token', async () => {
    const docs = DOCS.filter(
      (url) => built.app.hasRoute({ method: 'GET', url }) || (url.startsWith('/docs/static/') && built.app.hasRoute({ method: 'GET', url: '/docs/static/*' })),
    );
    for (const url of ['/livez', '/readyz', '/metrics', ...docs]) {
      const res = await built.app.inject({ url, headers: { authorization: 'Bearer forged' } });
      expect(res.statusCode, url).toBeLessThan(400);
      expect(res.headers['ratelimit'], url).toBeUndefined();
    }
  });
});
