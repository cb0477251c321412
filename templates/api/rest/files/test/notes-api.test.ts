import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import type { Note } from '../src/core/ports.js';
import { compareListOrder, cursorOf } from '../src/features/notes/cursor.js';
import { modules } from '../src/modules.js';
import { testApp } from './support/app.js';
import { authHeaders } from './support/auth.js';
import { fakeAuthModule } from './support/fake-auth.js';

describe('notes REST API', () => {
  let built: BuiltApp;
  let headers: Record<string, string>;
  beforeAll(async () => {
    built = await testApp({ RATE_LIMIT_MAX: '1000' });
    headers = await authHeaders();
  });
  afterAll(() => built.app.close());

  const create = (title: string, body = 'text') =>
    built.app.inject({ method: 'POST', url: '/v1/notes', headers, payload: { title, body } });

  it('creates (201 + Location), reads, updates and deletes a note', async () => {
    const created = await create('  first  ', 'hello');
    expect(created.statusCode).toBe(201);
    const note = created.json();
    expect(note).toMatchObject({ title: 'first', body: 'hello' });
    expect(created.headers.location).toBe(`/v1/notes/${note.id}`);

    const read = await built.app.inject(created.headers.location as string);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(note);

    const patched = await built.app.inject({ method: 'PATCH', url: `/v1/notes/${note.id}`, headers, payload: { body: 'changed' } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ id: note.id, title: 'first', body: 'changed' });
    expect((await built.app.inject(`/v1/notes/${note.id}`)).json().body).toBe('changed'); // cache invalidated

    const deleted = await built.app.inject({ method: 'DELETE', url: `/v1/notes/${note.id}`, headers });
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
    expect((await built.app.inject(`/v1/notes/${note.id}`)).statusCode).toBe(404);
    expect((await built.app.inject({ method: 'DELETE', url: `/v1/notes/${note.id}`, headers })).statusCode).toBe(404);
    expect((await built.app.inject({ method: 'PATCH', url: `/v1/notes/${note.id}`, headers, payload: { title: 'x' } })).statusCode).toBe(404);
  });

  it('rejects domain-rule violations and empty patches', async () => {
    expect((await create('   ')).statusCode).toBe(422);
    const id = (await create('ok')).json().id;
    expect((await built.app.inject({ method: 'PATCH', url: `/v1/notes/${id}`, headers, payload: {} })).statusCode).toBe(400);
  });

  it('paginates with a cursor across pages without gaps or repeats', async () => {
    const fresh = await testApp({ RATE_LIMIT_MAX: '1000' });
    const created: Note[] = [];
    for (let i = 0; i < 7; i++) created.push((await fresh.app.inject({ method: 'POST', url: '/v1/notes', headers, payload: { title: `n${i}`, body: '' } })).json());
    // Notes created within one millisecond are listed by id.
    const ids = created.sort(compareListOrder).map((note) => note.id);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const url: string = `/v1/notes?limit=3${after ? `&after=${encodeURIComponent(after)}` : ''}`;
      const page = (await fresh.app.inject(url)).json();
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((n: { id: string }) => n.id));
      after = page.nextCursor;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual(ids);
    expect((await fresh.app.inject('/v1/notes?after=garbage')).statusCode).toBe(400);
    expect((await fresh.app.inject('/v1/notes?limit=0')).statusCode).toBe(400);
    await fresh.app.close();
  });

  it('carries a strong ETag and answers If-None-Match with 304', async () => {
    const id = (await create('etag')).json().id;
    const first = await built.app.inject(`/v1/notes/${id}`);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await built.app.inject({ url: `/v1/notes/${id}`, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    await built.app.inject({ method: 'PATCH', url: `/v1/notes/${id}`, headers, payload: { title: 'changed' } });
    expect((await built.app.inject({ url: `/v1/notes/${id}`, headers: { 'if-none-match': etag } })).statusCode).toBe(200);
    const list = await built.app.inject('/v1/notes');
    expect((await built.app.inject({ url: '/v1/notes', headers: { 'if-none-match': list.headers.etag as string } })).statusCode).toBe(304);
  });

  it('answers 400 for text PostgreSQL cannot store or that would be stored altered', async () => {
    for (const title of ['nul\u0000', 'lone \ud800 surrogate', 'escape \u001b[31m', 'bidi \u202e override']) {
      const res = await create(title);
      expect(res.statusCode, JSON.stringify(title)).toBe(400);
      expect(res.json()).toMatchObject({
        detail: 'body/title must not contain control characters, bidi overrides or unpaired surrogates',
        errors: [{ location: 'body', path: '/title' }],
      });
    }
    const invalidUtf8 = Buffer.concat([Buffer.from('{"title":"caf'), Buffer.from([0xe9]), Buffer.from('","body":""}')]); // latin-1 é
    const res = await built.app.inject({ method: 'POST', url: '/v1/notes', headers: { ...headers, 'content-type': 'application/json' }, payload: invalidUtf8 });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ title: 'Invalid body encoding' });
    expect((await create('tab\tand\nnewline are fine', 'emoji 😀 too')).statusCode).toBe(201);
  });

  it('answers 400 for wrong types and unknown fields instead of coercing or dropping them', async () => {
    for (const payload of [{ title: 5, body: 'b' }, { title: 't', body: null }, { title: ['t'], body: 'b' }, { title: 't', body: 'b', extra: 1 }]) {
      const res = await built.app.inject({ method: 'POST', url: '/v1/notes', headers, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
  });

  it('answers 400 for page sizes and cursors that are not what the API hands out', async () => {
    for (const limit of ['5.5', '1e1', '05', '0x5', '-1', '101']) expect((await built.app.inject(`/v1/notes?limit=${limit}`)).statusCode, limit).toBe(400);
    expect((await built.app.inject('/v1/notes?limit=5')).statusCode).toBe(200);
    const id = '00000000-0000-4000-8000-000000000000';
    for (const createdAt of ['0', '2024-02-30T00:00:00.000Z', '+275760-09-13T00:00:00.000Z', '-271821-04-20T00:00:00.000Z']) {
      expect((await built.app.inject(`/v1/notes?after=${cursorOf({ createdAt, id })}`)).statusCode, createdAt).toBe(400);
    }
  });

  it('publishes an OpenAPI 3.1 document and a docs UI', async () => {
    const doc = (await built.app.inject('/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(['/v1/notes', '/v1/notes/{id}']); // REST only: no probes, metrics or other API styles
    expect(doc.paths['/v1/notes'].post.requestBody.content['application/json'].schema.required).toEqual(['title', 'body']);
    const docs = await built.app.inject('/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('<html');
  });
});

describe('notes REST API docs switch (REST_DOCS)', () => {
  const served = async (env: Record<string, string>) => {
    const built = await testApp({ PGLITE_DATA_DIR: 'memory://', ...env });
    try {
      const [doc, ui] = await Promise.all([built.app.inject('/openapi.json'), built.app.inject('/docs/')]);
      return [doc.statusCode, ui.statusCode];
    } finally {
      await built.app.close();
    }
  };

  it('serves no document or UI in production unless REST_DOCS=true', async () => {
    expect(await served({ NODE_ENV: 'production' })).toEqual([404, 404]);
    expect(await served({ NODE_ENV: 'production', REST_DOCS: 'true' })).toEqual([200, 200]);
  });

  it('serves them in development and test unless REST_DOCS=false', async () => {
    expect(await served({ NODE_ENV: 'development' })).toEqual([200, 200]);
    expect(await served({ REST_DOCS: 'false' })).toEqual([404, 404]);
  });
});

describe('notes REST API with an authenticator that requires a principal', () => {
  let built: BuiltApp;
  beforeAll(async () => {
    built = await testApp({}, { modules: [...modules, fakeAuthModule] });
  });
  afterAll(() => built.app.close());

  it('answers 401 problem+json on writes without credentials, allows reads', async () => {
    const res = await built.app.inject({ method: 'POST', url: '/v1/notes', payload: { title: 't', body: 'b' } });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect((await built.app.inject({ method: 'DELETE', url: '/v1/notes/x' })).statusCode).toBe(401);
    expect((await built.app.inject('/v1/notes')).statusCode).toBe(200);
  });

  it('authenticates writes before it validates them: an anonymous client learns nothing of the schema', async () => {
    for (const payload of [{ title: 'no body' }, { title: 't', body: 'b', extra: 1 }, 'not json']) {
      const res = await built.app.inject({ method: 'POST', url: '/v1/notes', headers: { 'content-type': 'application/json' }, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });
      expect(res.statusCode, JSON.stringify(payload)).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    }
    const patch = await built.app.inject({ method: 'PATCH', url: '/v1/notes/not-a-uuid', payload: { nope: true } });
    expect(patch.statusCode).toBe(401);
  });

  it('answers 401 for invalid credentials and accepts valid ones', async () => {
    const bad = await built.app.inject({ method: 'POST', url: '/v1/notes', headers: { authorization: 'Bearer nope' }, payload: { title: 't', body: 'b' } });
    expect(bad.statusCode).toBe(401);
    expect(bad.headers['www-authenticate']).toContain('invalid_token');
    const good = await built.app.inject({ method: 'POST', url: '/v1/notes', headers: { authorization: 'Bearer good-token' }, payload: { title: 't', body: 'b' } });
    expect(good.statusCode).toBe(201);
  });
});
