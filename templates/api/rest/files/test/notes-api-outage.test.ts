// PostgreSQL going away is the server's problem, not the client's: 503 problem+json with Retry-After
// (never a 500), no client text in the logs, and service again as soon as PostgreSQL is back.
import { randomUUID } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import { testApp } from './support/app.js';
import { authHeaders } from './support/auth.js';
import { captureLogs } from './support/log-capture.js';
import { outageProxy, type OutageProxy } from './support/outage-proxy.js';
import { createMigratedTestDatabase, stackHasPostgres, type TestDatabase } from './support/rest-postgres.js';
import { describeWithService } from './support/services.js';

function expectUnavailable(res: LightMyRequestResponse): void {
  expect(res.statusCode, res.body).toBe(503);
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.json()).toMatchObject({ status: 503, title: 'Service Unavailable' });
}

if (!stackHasPostgres) describe('notes REST API while PostgreSQL is unreachable', () => it.skip('this stack has no PostgreSQL'));
else
  describeWithService('TEST_DATABASE_URL', 'notes REST API while PostgreSQL is unreachable', (adminUrl) => {
    let database: TestDatabase;
    let proxy: OutageProxy;
    let built: BuiltApp;
    let headers: Record<string, string>;
    const logs = captureLogs();
    beforeAll(async () => {
      database = await createMigratedTestDatabase(adminUrl);
      proxy = await outageProxy(database.url);
      // A short statement timeout makes a stalled server a timeout within ~1.5 s (query_timeout = it + 1 s).
      const env = { RATE_LIMIT_MAX: '100000', LOG_LEVEL: 'info', DATABASE_URL: proxy.url, DATABASE_STATEMENT_TIMEOUT_MS: '500' };
      built = await testApp(env, { logStream: logs.stream });
      headers = await authHeaders();
    });
    afterAll(async () => {
      await built?.app.close();
      await proxy?.close();
      await database?.drop();
    });

    const send = (options: InjectOptions | string) => built.app.inject(options);
    const writes = (id: string, text: string): InjectOptions[] => [
      { method: 'POST', url: '/v1/notes', headers, payload: { title: text, body: text } },
      { method: 'PATCH', url: `/v1/notes/${id}`, headers, payload: { body: text } },
      { method: 'DELETE', url: `/v1/notes/${id}`, headers },
    ];
    const recovers = async (kept: { id: string }) => {
      await expect.poll(async () => (await send('/v1/notes?limit=100')).statusCode, { timeout: 30_000, interval: 250 }).toBe(200);
      expect((await send({ method: 'POST', url: '/v1/notes', headers, payload: { title: 'after', body: '' } })).statusCode).toBe(201);
      const listed = (await send('/v1/notes?limit=100')).json().items;
      expect(listed).toContainEqual(kept);
      await expect.poll(async () => (await send('/readyz')).statusCode, { timeout: 30_000, interval: 250 }).toBe(200);
    };

    it('answers 503 + Retry-After while connections are refused, logs no client text, then recovers', async () => {
      const kept = (await send({ method: 'POST', url: '/v1/notes', headers, payload: { title: 'before the outage', body: '' } })).json();
      const secret = `client-text-${randomUUID()}`;
      await proxy.cut();
      try {
        expectUnavailable(await send('/v1/notes'));
        for (const request of writes(kept.id, secret)) expectUnavailable(await send(request));
        expect((await send('/livez')).statusCode).toBe(200);
        expect((await send('/readyz')).statusCode).toBe(503);
      } finally {
        await proxy.restore();
      }
      const logged = JSON.stringify(logs.lines);
      expect(logged).not.toContain(secret);
      expect(logged).toContain('PostgreSQL unavailable');
      await recovers(kept);
    });

    it('answers 503 when PostgreSQL stops answering (query and connect timeouts), then recovers', async () => {
      const kept = (await send({ method: 'POST', url: '/v1/notes', headers, payload: { title: 'before the stall', body: '' } })).json();
      proxy.stall();
      try {
        expectUnavailable(await send('/v1/notes'));
        expectUnavailable(await send({ method: 'POST', url: '/v1/notes', headers, payload: { title: 'during', body: '' } }));
      } finally {
        await proxy.restore();
      }
      await recovers(kept);
    }, 60_000);
  });
