// The database server (PostgreSQL, MySQL) going away is the server's problem, not the client's: 503
// problem+json with Retry-After (never a 500), no client text in the logs, and service again as soon as
// it is back. Shown on the first resource's routes: every resource reaches the store through the same
// pool and error mapping.
import { randomUUID } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import { testApp } from './support/app.js';
import { authHeaders } from './support/auth.js';
import { captureLogs } from './support/log-capture.js';
import { outageProxy, type OutageProxy } from './support/outage-proxy.js';
import { createRecord, type ResourceName, type RestRecord, type RestResource, restResources, validInput } from './support/rest-resources.js';
import { serverStore, type TestDatabase } from './support/rest-stores.js';
import { describeWithService } from './support/services.js';

const [name] = Object.keys(restResources) as ResourceName[];

function expectUnavailable(res: LightMyRequestResponse): void {
  expect(res.statusCode, res.body).toBe(503);
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.json()).toMatchObject({ status: 503, title: 'Service Unavailable' });
}

if (!serverStore || name === undefined) {
  describe('REST API while the database is unreachable', () => it.skip(name === undefined ? 'this project has no resource' : 'this stack has no database server'));
} else {
  const store = serverStore;
  const { path, fields }: RestResource = restResources[name];
  // A write that carries client text when the resource has a text field: the logs must not show it.
  const textField = fields.find((field) => field.type === 'string' || field.type === 'text');

  describeWithService(store.testVariable, `REST API while ${store.label} is unreachable`, (adminUrl) => {
    let database: TestDatabase;
    let proxy: OutageProxy;
    let built: BuiltApp;
    let headers: Record<string, string>;
    let valid: Record<string, unknown>;
    const logs = captureLogs();
    beforeAll(async () => {
      database = await store.createMigratedTestDatabase(adminUrl);
      proxy = await outageProxy(database.url);
      const env = { RATE_LIMIT_MAX: '100000', LOG_LEVEL: 'info', ...store.env(proxy.url) };
      built = await testApp(env, { logStream: logs.stream });
      headers = await authHeaders();
      valid = await validInput(built.app, headers, name);
    });
    afterAll(async () => {
      await built?.app.close();
      await proxy?.close();
      await database?.drop();
    });

    const send = (options: InjectOptions | string) => built.app.inject(options);
    const withText = (text: string) => (textField ? { ...valid, [textField.key]: text } : valid);
    const writes = (id: string, text: string): InjectOptions[] => [
      { method: 'POST', url: path, headers, payload: withText(text) },
      { method: 'PATCH', url: `${path}/${id}`, headers, payload: withText(text) },
      { method: 'DELETE', url: `${path}/${id}`, headers },
    ];
    const recovers = async (kept: RestRecord) => {
      await expect.poll(async () => (await send(`${path}?limit=100`)).statusCode, { timeout: 30_000, interval: 250 }).toBe(200);
      expect((await send({ method: 'POST', url: path, headers, payload: valid })).statusCode).toBe(201);
      const listed = (await send(`${path}?limit=100`)).json().items;
      expect(listed).toContainEqual(kept);
      await expect.poll(async () => (await send('/readyz')).statusCode, { timeout: 30_000, interval: 250 }).toBe(200);
    };

    it('answers 503 + Retry-After while connections are refused, logs no client text, then recovers', async () => {
      const kept = await createRecord(built.app, headers, name);
      const secret = `client-text-${randomUUID()}`;
      await proxy.cut();
      try {
        expectUnavailable(await send(path));
        for (const request of writes(kept.id, secret)) expectUnavailable(await send(request));
        expect((await send('/livez')).statusCode).toBe(200);
        expect((await send('/readyz')).statusCode).toBe(503);
      } finally {
        await proxy.restore();
      }
      const logged = JSON.stringify(logs.lines);
      expect(logged).not.toContain(secret);
      expect(logged).toContain(`${store.label} unavailable`);
      await recovers(kept);
    });

    it(`answers 503 when ${store.label} stops answering (query and connect timeouts), then recovers`, async () => {
      const kept = await createRecord(built.app, headers, name);
      proxy.stall();
      try {
        expectUnavailable(await send(path));
        expectUnavailable(await send({ method: 'POST', url: path, headers, payload: valid }));
      } finally {
        await proxy.restore();
      }
      await recovers(kept);
    }, 60_000);
  });
}
