// Property-based: hostile input in any part of a REST request (body, query string, path, headers) gets
// a client error as problem+json, never a 5xx; nothing is stored and the app stays healthy.
import fc from 'fast-check';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import { PAGE_LIMIT_MAX } from '../src/features/notes/index.js';
import { testApp } from './support/app.js';
import { authHeaders } from './support/auth.js';
import { hostileCursor, hostilePageSizeText, hostileText, wrongTypeValue } from './support/hostile-input.js';
import { createMigratedTestDatabase, stackHasPostgres, type TestDatabase } from './support/rest-postgres.js';
import { describeWithService } from './support/services.js';

const RUNS = { numRuns: 60 };
const env = { RATE_LIMIT_MAX: '1000000' };

function expectClientError(res: LightMyRequestResponse, what: unknown): void {
  expect(res.statusCode, JSON.stringify(what)?.slice(0, 200)).toBeGreaterThanOrEqual(400);
  expect(res.statusCode).toBeLessThan(500);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.json()).toMatchObject({ status: res.statusCode });
}

/** encodeURIComponent, except that a lone surrogate becomes its (invalid) 3-byte UTF-8 form instead of throwing. */
const percentEncode = (text: string): string =>
  [...text]
    .map((c) => {
      if (c.isWellFormed()) return encodeURIComponent(c);
      const u = c.charCodeAt(0);
      return [0xe0 | (u >> 12), 0x80 | ((u >> 6) & 0x3f), 0x80 | (u & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    })
    .join('');

// Raw query-string pieces: broken escapes, invalid UTF-8 bytes, nested/duplicate keys, prototype names.
const rawQueryPiece = fc.oneof(
  fc.constantFrom('%', '%zz', '%00', '%ED%A0%80', '%C0%AF', '%FF%FE', '&&', '==', '+', '#', '?', 'limit[]=1', 'after[a]=1', '__proto__[x]=1', 'constructor=1', 'limit=1&limit=2'),
  fc.uint8Array({ minLength: 1, maxLength: 8 }).map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')),
  fc.string({ unit: 'grapheme-ascii', maxLength: 12 }).map((s) => s.replace(/#/g, '')),
);

// Header values Node's HTTP parser lets through (visible ASCII, tab, obs-text); anything else never
// reaches the app (the parser answers 400 itself).
const headerValue = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).filter((c) => c !== 0x7f).map((c) => String.fromCharCode(c)), maxLength: 60 }),
  fc.constantFrom('*', 'W/', '""', 'W/"x", *', 'Bearer', 'Bearer ', 'Basic Og==', 'Bearer a.b.c', 'application/json; charset=latin1', 'text/plain', 'application/x-www-form-urlencoded'),
  fc.integer({ min: 1000, max: 8000 }).map((n) => '"'.padEnd(n, 'x')),
);
const headerName = fc.constantFrom('if-none-match', 'authorization', 'accept', 'accept-encoding', 'content-type', 'x-request-id', 'x-forwarded-for', 'traceparent', 'origin');

function hostileInputProperties(target: () => { app: FastifyInstance; headers: Record<string, string> }): void {
  const send = (options: InjectOptions | string) => target().app.inject(options);
  const post = (payload: unknown) =>
    send({ method: 'POST', url: '/v1/notes', headers: { ...target().headers, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });

  const snapshot = async (): Promise<string[]> => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: { items: Array<{ id: string; updatedAt: string }>; nextCursor: string | null } = (await send(`/v1/notes?limit=${PAGE_LIMIT_MAX}${after ? `&after=${after}` : ''}`)).json();
      seen.push(...page.items.map((n) => `${n.id}@${n.updatedAt}`));
      after = page.nextCursor;
    } while (after);
    return seen;
  };
  let before: string[];
  let existing: { id: string };
  beforeAll(async () => {
    existing = (await post({ title: 'existing', body: 'kept unchanged' })).json();
    before = await snapshot();
  });

  const expectHealthyAndUnchanged = async () => {
    expect(await snapshot()).toEqual(before);
    expect((await send('/livez')).statusCode).toBe(200);
    const created = await post({ title: 'still works', body: '' });
    expect(created.statusCode).toBe(201);
    expect((await send(`/v1/notes/${created.json().id}`)).json()).toEqual(created.json());
    expect((await send({ method: 'DELETE', url: `/v1/notes/${created.json().id}`, headers: target().headers })).statusCode).toBe(204);
  };

  it('refuses hostile titles and bodies on create and update', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, fc.constantFrom('title', 'body', 'both'), async (text, where) => {
        const payload = { title: where === 'body' ? 'ok' : text, body: where === 'title' ? '' : text };
        expectClientError(await post(payload), payload);
        const patch = where === 'both' ? payload : { [where]: text };
        expectClientError(await send({ method: 'PATCH', url: `/v1/notes/${existing.id}`, headers: target().headers, payload: patch }), patch);
      }),
      RUNS,
    );
    await expectHealthyAndUnchanged();
  });

  it('refuses wrong types, missing fields, unknown fields and bodies that are not objects', async () => {
    const payload = fc.oneof(
      fc.record({ title: wrongTypeValue, body: fc.string() }),
      fc.record({ title: fc.string({ minLength: 1 }), body: wrongTypeValue }),
      fc.record({ title: fc.string({ minLength: 1 }) }),
      fc.record({ title: fc.constant('ok'), body: fc.constant(''), extra: fc.jsonValue() }),
      wrongTypeValue,
      fc.jsonValue({ depthSize: 'large' }).filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)),
    );
    await fc.assert(fc.asyncProperty(payload, async (body) => expectClientError(await post(body), body)), RUNS);
    await expectHealthyAndUnchanged();
  });

  it('refuses raw bodies: invalid UTF-8, broken or deeply nested JSON, prototype poisoning, wrong content types', async () => {
    const invalidUtf8 = fc
      .tuple(fc.string({ maxLength: 10 }), fc.constantFrom([0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf8, 0x88, 0x80, 0x80, 0x80]))
      .map(([prefix, bytes]) => Buffer.concat([Buffer.from(`{"title":"${prefix.replace(/["\\]/g, '')}`), Buffer.from(bytes), Buffer.from('","body":""}')]));
    const brokenJson = fc.oneof(
      fc.string({ maxLength: 30 }).map((s) => Buffer.from(`{"title":${s}`)),
      fc.integer({ min: 1000, max: 50_000 }).map((depth) => Buffer.from(`${'['.repeat(depth)}${']'.repeat(depth)}`)),
      fc.constantFrom('', ' ', 'null', '{"__proto__":{"x":1},"title":"a","body":""}', '{"constructor":{"prototype":{"x":1}},"title":"a","body":""}').map((s) => Buffer.from(s)),
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(invalidUtf8, brokenJson), async (payload) => {
        expectClientError(await send({ method: 'POST', url: '/v1/notes', headers: { ...target().headers, 'content-type': 'application/json' }, payload }), payload.toString('latin1'));
      }),
      RUNS,
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/jsonx', 'gibberish'), async (type) => {
        expectClientError(await send({ method: 'POST', url: '/v1/notes', headers: { ...target().headers, 'content-type': type }, payload: '{"title":"a","body":""}' }), type);
      }),
      { numRuns: 10 },
    );
    await expectHealthyAndUnchanged();
  });

  it('refuses hostile cursors and page sizes in the query string', async () => {
    await fc.assert(fc.asyncProperty(hostileCursor, async (after) => expectClientError(await send(`/v1/notes?after=${percentEncode(after)}`), after)), { numRuns: 150 });
    await fc.assert(fc.asyncProperty(hostilePageSizeText, async (limit) => expectClientError(await send(`/v1/notes?limit=${percentEncode(limit)}`), limit)), RUNS);
    await expectHealthyAndUnchanged();
  });

  it('never fails on raw query strings, paths or headers; answers a page or a client error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rawQueryPiece, { minLength: 1, maxLength: 4 }), async (pieces) => {
        const res = await send(`/v1/notes?${pieces.join('&')}`);
        if (res.statusCode === 200) expect(res.json()).toMatchObject({ items: expect.any(Array) });
        else expectClientError(res, pieces);
      }),
      RUNS,
    );
    await fc.assert(
      // Raw pieces stay within one path segment: "?", "#" or "/" would make it another URL.
      fc.asyncProperty(fc.oneof(hostileText.map(percentEncode), rawQueryPiece.filter((p) => /^[^?#/]+$/.test(p) && p.trim() === p), fc.constantFrom('%2e%2e', '%2F', '%5C', '%20')), async (id) => {
        for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
          const res = await send({ method, url: `/v1/notes/${id}`, headers: target().headers, ...(method === 'PATCH' && { payload: { title: 'x' } }) });
          expectClientError(res, { method, id });
        }
      }),
      RUNS,
    );
    await fc.assert(
      fc.asyncProperty(headerName, headerValue, fc.constantFrom('GET', 'POST'), async (name, value, method) => {
        const headers = { ...target().headers, [name]: value };
        const res = await send(method === 'GET' ? { url: `/v1/notes/${existing.id}`, headers } : { method, url: '/v1/notes', headers, payload: '{"title":5}' });
        expect(res.statusCode, `${name}: ${value.slice(0, 80)}`).toBeLessThan(500);
        if (res.statusCode >= 400) expectClientError(res, { name, value });
      }),
      RUNS,
    );
    await expectHealthyAndUnchanged();
  });
}

describe('notes REST API under hostile input (the stack\'s store)', () => {
  let built: BuiltApp;
  let headers: Record<string, string>;
  beforeAll(async () => {
    built = await testApp(env);
    headers = await authHeaders();
  });
  afterAll(() => built?.app.close());

  hostileInputProperties(() => ({ app: built.app, headers }));
});

if (stackHasPostgres) {
  describeWithService('TEST_DATABASE_URL', 'notes REST API under hostile input (real PostgreSQL)', (adminUrl) => {
    let database: TestDatabase;
    let built: BuiltApp;
    let headers: Record<string, string>;
    beforeAll(async () => {
      database = await createMigratedTestDatabase(adminUrl);
      built = await testApp({ ...env, DATABASE_URL: database.url });
      headers = await authHeaders();
    });
    afterAll(async () => {
      await built?.app.close();
      await database?.drop();
    });

    hostileInputProperties(() => ({ app: built.app, headers }));
  });
}
