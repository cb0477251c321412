import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { BuiltApp } from '../src/app.js';
import type { Note } from '../src/core/ports.js';
import { compareListOrder } from '../src/features/notes/cursor.js';
import { modules } from '../src/modules.js';
import { testApp } from './support/app.js';
import { authHeaders } from './support/auth.js';
import { fakeAuthModule } from './support/fake-auth.js';
import { codes, graphql } from './support/graphql.js';

const NOTE_FIELDS = 'id title body createdAt updatedAt';
const CREATE = `mutation CreateNote($input: NoteInput!) { createNote(input: $input) { ${NOTE_FIELDS} } }`;

describe('GraphQL API', () => {
  let built: BuiltApp;
  let headers: Record<string, string>;
  beforeAll(async () => {
    built = await testApp({ RATE_LIMIT_MAX: '10000' });
    headers = await authHeaders();
  });
  afterAll(() => built.app.close());

  const create = async (title: string, body = 'text'): Promise<Note> =>
    (await graphql(built, CREATE, { input: { title, body } }, headers)).data!.createNote as Note;

  it('creates, reads, updates and deletes a note', async () => {
    const note = await create('  first  ', 'hello');
    expect(note).toMatchObject({ title: 'first', body: 'hello' });
    const read = await graphql(built, `query GetNote($id: ID!) { note(id: $id) { ${NOTE_FIELDS} } }`, { id: note.id });
    expect(read).toEqual({ statusCode: 200, data: { note } });

    const updated = await graphql(built, `mutation { updateNote(id: "${note.id}", input: { body: "changed" }) { title body } }`, {}, headers);
    expect(updated.data).toEqual({ updateNote: { title: 'first', body: 'changed' } });
    expect((await graphql(built, `{ note(id: "${note.id}") { body } }`)).data).toEqual({ note: { body: 'changed' } }); // cache invalidated

    expect((await graphql(built, `mutation { deleteNote(id: "${note.id}") }`, {}, headers)).data).toEqual({ deleteNote: note.id });
    expect((await graphql(built, `{ note(id: "${note.id}") { id } }`)).data).toEqual({ note: null });
    const again = await graphql(built, `mutation { deleteNote(id: "${note.id}") }`, {}, headers);
    expect(codes(again)).toEqual(['NOT_FOUND']);
    expect(again.errors![0]!.path).toEqual(['deleteNote']);
  });

  it('pages through notes with cursors, without gaps or repeats', async () => {
    const fresh = await testApp({ RATE_LIMIT_MAX: '10000' });
    try {
      const created: Note[] = [];
      for (let i = 0; i < 7; i++) created.push((await graphql(fresh, CREATE, { input: { title: `n${i}`, body: '' } }, headers)).data!.createNote as Note);
      const ids = created.sort(compareListOrder).map((note) => note.id);
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const page = await graphql(fresh, 'query Page($after: String) { notes(first: 3, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }', { after });
        const { edges, pageInfo } = page.data!.notes;
        seen.push(...edges.map((e: { node: { id: string } }) => e.node.id));
        expect(pageInfo.endCursor).toBe(edges.at(-1)?.cursor ?? null);
        after = pageInfo.hasNextPage ? pageInfo.endCursor : null;
        pages += 1;
      } while (after);
      expect(seen).toEqual(ids);
      expect(pages).toBe(3);
      // Any edge's cursor continues right after that edge.
      const first = (await graphql(fresh, '{ notes(first: 2) { edges { cursor } } }')).data!.notes.edges;
      const next = await graphql(fresh, `{ notes(first: 1, after: "${first[0].cursor}") { edges { node { id } } } }`);
      expect(next.data!.notes.edges[0].node.id).toBe(ids[1]);
    } finally {
      await fresh.app.close();
    }
  });

  it('reads a whole page with one repository query (no N+1)', async () => {
    for (let i = 0; i < 5; i++) await create(`bulk ${i}`);
    const repository = built.ctx.ports.notes!;
    const calls = { list: 0, get: 0 };
    const { list, get } = repository;
    repository.list = (options) => ((calls.list += 1), list.call(repository, options));
    repository.get = (id) => ((calls.get += 1), get.call(repository, id));
    try {
      const page = await graphql(built, `{ notes(first: 50) { edges { node { ${NOTE_FIELDS} } } } }`);
      expect(page.data!.notes.edges.length).toBeGreaterThanOrEqual(5);
      expect(calls).toEqual({ list: 1, get: 0 });
    } finally {
      Object.assign(repository, { list, get });
    }
  });

  it('maps domain errors to stable codes and never leaks internals', async () => {
    const blank = await graphql(built, CREATE, { input: { title: '   ', body: '' } }, headers);
    expect(codes(blank)).toEqual(['BAD_USER_INPUT']);
    expect(blank.errors![0]!.message).toBe('title must not be blank');
    expect(codes(await graphql(built, '{ notes(first: 0) { edges { cursor } } }'))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await graphql(built, '{ notes(after: "not-a-cursor") { edges { cursor } } }'))).toEqual(['BAD_USER_INPUT']);
    const mistyped = await graphql(built, CREATE, { input: { title: 1 } }, headers); // wrong type, missing body
    expect(new Set(codes(mistyped))).toEqual(new Set(['BAD_USER_INPUT']));
    const unreadable = await built.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: '{"query":' });
    expect([unreadable.statusCode, unreadable.json().errors[0].extensions.code]).toEqual([400, 'BAD_REQUEST']);

    const repository = built.ctx.ports.notes!;
    const { list } = repository;
    repository.list = async () => Promise.reject(new Error('connection refused to 10.0.0.7:5432'));
    try {
      const failed = await graphql(built, '{ notes { edges { cursor } } }');
      expect(failed.errors).toEqual([{ message: 'Internal server error', locations: expect.any(Array), path: ['notes'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
      expect(JSON.stringify(failed)).not.toContain('10.0.0.7');
    } finally {
      repository.list = list;
    }
  });

  it('rejects documents before execution: syntax, validation, depth and complexity (400)', async () => {
    const syntax = await graphql(built, '{ notes { ');
    expect([syntax.statusCode, codes(syntax)]).toEqual([400, ['GRAPHQL_PARSE_FAILED']]);
    const unknownField = await graphql(built, '{ notes { total } }');
    expect([unknownField.statusCode, codes(unknownField)]).toEqual([400, ['GRAPHQL_VALIDATION_FAILED']]);
    const shallow = await testApp({ GRAPHQL_MAX_DEPTH: '3' });
    try {
      expect((await graphql(shallow, '{ notes { pageInfo { hasNextPage } } }')).statusCode).toBe(200);
      const deep = await graphql(shallow, '{ notes { edges { node { id } } } }');
      expect([deep.statusCode, codes(deep)]).toEqual([400, ['QUERY_TOO_DEEP']]);
    } finally {
      await shallow.app.close();
    }
    const fullPage = await graphql(built, `{ notes(first: 100) { edges { cursor node { ${NOTE_FIELDS} } } pageInfo { hasNextPage endCursor } } }`);
    expect(fullPage.errors).toBeUndefined(); // a whole page of every field stays under the default limit
    const complex = await graphql(built, `query Everything { ${Array.from({ length: 3 }, (_, i) => `p${i}: notes(first: 100) { edges { cursor node { ${NOTE_FIELDS} } } }`).join(' ')} }`);
    expect([complex.statusCode, codes(complex)]).toEqual([400, ['QUERY_TOO_COMPLEX']]);
    expect(complex.errors![0]!.message).toMatch(/^Everything costs \d+, more than the limit of 1000/);
  });

  it('exposes per-operation metrics by name, type and outcome', async () => {
    await graphql(built, 'query CountMe { notes(first: 1) { edges { cursor } } }');
    await graphql(built, 'query CountMe { notes(first: 1) { edges { cursor } } }');
    await graphql(built, 'mutation FailMe { deleteNote(id: "00000000-0000-4000-8000-000000000000") }', {}, headers);
    await graphql(built, 'query Broken { nope }');
    const text = (await built.app.inject('/metrics')).body;
    expect(text).toMatch(/^graphql_operations_total\{operation="CountMe",type="query",outcome="ok"\} 2$/m);
    expect(text).toMatch(/^graphql_operations_total\{operation="FailMe",type="mutation",outcome="error"\} 1$/m);
    expect(text).toMatch(/^graphql_operations_total\{operation="Broken",type="unknown",outcome="rejected"\} 1$/m);
    expect(text).toMatch(/^graphql_operation_duration_seconds_count\{operation="CountMe",type="query"\} 2$/m);
  });

  it('serves GraphiQL only in development', async () => {
    expect((await built.app.inject('/graphiql')).statusCode).toBe(404);
    const development = await testApp({ NODE_ENV: 'development' });
    try {
      expect((await development.app.inject('/graphiql')).statusCode).toBe(200);
    } finally {
      await development.app.close();
    }
  });
});

describe('GraphQL API with an authenticator that requires a principal', () => {
  let built: BuiltApp;
  beforeAll(async () => {
    built = await testApp({}, { modules: [...modules, fakeAuthModule] });
  });
  afterAll(() => built.app.close());

  it('needs a principal for mutations, not for queries; a bad token is refused before GraphQL runs', async () => {
    const anonymous = await graphql(built, CREATE, { input: { title: 't', body: '' } });
    expect(codes(anonymous)).toEqual(['UNAUTHENTICATED']);
    expect((await graphql(built, '{ notes { edges { cursor } } }')).errors).toBeUndefined();
    const bad = await built.app.inject({ method: 'POST', url: '/graphql', headers: { authorization: 'Bearer bad-token' }, payload: { query: '{ notes { edges { cursor } } }' } });
    expect(bad.statusCode).toBe(401);
    expect(bad.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    expect(bad.json()).toEqual({ data: null, errors: [{ message: 'invalid token', extensions: { code: 'UNAUTHENTICATED' } }] });
    const good = await graphql(built, CREATE, { input: { title: 't', body: '' } }, { authorization: 'Bearer good-token' });
    expect(good.data!.createNote.title).toBe('t');
  });
});

describe('GraphQL subscriptions over graphql-ws', () => {
  let built: BuiltApp;
  let url: string;
  beforeAll(async () => {
    built = await testApp({ RATE_LIMIT_MAX: '10000' });
    url = `${(await built.app.listen({ port: 0, host: '127.0.0.1' })).replace('http', 'ws')}/graphql`;
  });
  afterAll(() => built.app.close());

  it('streams noteCreated for notes created through the service', async () => {
    const client = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0 });
    const events = client.iterate<{ noteCreated: { id: string; title: string } }>({ query: 'subscription { noteCreated { id title } }' });
    try {
      // The protocol does not acknowledge a subscription: create notes until the first one arrives.
      const first = events.next();
      const created: Note[] = [];
      let received: Awaited<typeof first> | undefined;
      for (let attempt = 0; attempt < 20 && !received; attempt++) {
        created.push(await built.app.notesService.create({ title: `live ${attempt}`, body: '' }));
        received = await Promise.race([first, new Promise<undefined>((r) => setTimeout(() => r(undefined), 250))]);
      }
      expect(created.map((n) => n.id)).toContain(received?.value.data?.noteCreated.id);
      const another = await built.app.notesService.create({ title: 'next one', body: '' });
      expect((await events.next()).value.data).toEqual({ noteCreated: { id: another.id, title: 'next one' } });
    } finally {
      await events.return?.();
      await client.dispose();
    }
  });
});
