import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import type { Note } from '../src/core/ports.js';
import { compareListOrder } from '../src/features/notes/cursor.js';
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

  it('answers 401 for invalid credentials and accepts valid ones', async () => {
    const bad = await built.app.inject({ method: 'POST', url: '/v1/notes', headers: { authorization: 'Bearer nope' }, payload: { title: 't', body: 'b' } });
    expect(bad.statusCode).toBe(401);
    expect(bad.headers['www-authenticate']).toContain('invalid_token');
    const good = await built.app.inject({ method: 'POST', url: '/v1/notes', headers: { authorization: 'Bearer good-token' }, payload: { title: 't', body: 'b' } });
    expect(good.statusCode).toBe(201);
  });
});
