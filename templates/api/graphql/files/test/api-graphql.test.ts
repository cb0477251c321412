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
import { type RawGraphqlWs, rawGraphqlWs } from './support/graphql-ws-client.js';
import { HttpProblem } from '../src/core/errors.js';

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
    repository.list = (options) => {
      calls.list += 1;
      return list.call(repository, options);
    };
    repository.get = (id) => {
      calls.get += 1;
      return get.call(repository, id);
    };
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

  it('refuses a request whose fields have the wrong type with 400 and a GraphQL body, never running it', async () => {
    const post = (payload: string) => built.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload });
    const valid = '"{ notes { edges { cursor } } }"';
    for (const payload of [
      '{"query":123}',
      '{"query":true}',
      '{"query":null}',
      '{"query":["{ notes { edges { cursor } } }"]}',
      '{}',
      '[]',
      '"{ notes { edges { cursor } } }"',
      `{"query":${valid},"variables":"{}"}`,
      `{"query":${valid},"variables":[1]}`,
      `{"query":${valid},"operationName":5}`,
      `{"query":${valid},"operationName":{}}`,
      `{"query":${valid},"extensions":"x"}`,
    ]) {
      const response = await post(payload);
      expect([payload, response.statusCode, response.json().data, response.json().errors[0].extensions.code]).toEqual([payload, 400, null, 'BAD_REQUEST']);
    }
    expect((await post('{"query":123}')).json().errors[0].message).toBe('query must be a string, got a number');
    const subscription = await post('{"query":"subscription { noteCreated { id } }"}');
    expect([subscription.statusCode, subscription.json().errors[0].extensions.code]).toEqual([400, 'BAD_REQUEST']); // graphql-ws only
    const get = async (query: string) => {
      const response = await built.app.inject({ method: 'GET', url: `/graphql?${query}` });
      return [response.statusCode, response.json().errors?.[0]?.extensions.code];
    };
    expect(await get('query=%7B__typename%7D&variables=%5B1%5D')).toEqual([400, 'BAD_REQUEST']);
    expect(await get('query=%7B__typename%7D&variables=5')).toEqual([400, 'BAD_REQUEST']);
    expect(await get('query=%7B__typename%7D&query=%7B__typename%7D')).toEqual([400, 'BAD_REQUEST']);
    expect(await get('query=%7B__typename%7D&operationName=Nope')).toEqual([400, 'BAD_REQUEST']);
    expect(await get('query=query%20A%7B__typename%7D%20query%20B%7B__typename%7D')).toEqual([400, 'BAD_REQUEST']);
    expect(await get('query=%7B__typename%7D')).toEqual([200, undefined]);
  });

  it('never reads a query as a JSON-encoded syntax tree: text that is JSON is a parse error (400)', async () => {
    for (const query of ['123', 'true', 'null', '"x"', '{}', '[]', JSON.stringify({ kind: 'Document', definitions: [{ kind: 'OperationDefinition', operation: 'query' }] })]) {
      const response = await graphql(built, query);
      expect([query, response.statusCode, codes(response)]).toEqual([query, 400, ['GRAPHQL_PARSE_FAILED']]);
    }
  });

  it('maps a dependency outage (503) to SERVICE_UNAVAILABLE and text the service refuses to BAD_USER_INPUT', async () => {
    const repository = built.ctx.ports.notes!;
    const { list } = repository;
    repository.list = async () => Promise.reject(new HttpProblem(503, 'The database is unavailable; retry later.'));
    try {
      const down = await graphql(built, '{ notes { edges { cursor } } }');
      expect(down.errors).toEqual([{ message: 'The database is unavailable; retry later.', locations: expect.any(Array), path: ['notes'], extensions: { code: 'SERVICE_UNAVAILABLE' } }]);
    } finally {
      repository.list = list;
    }
    const nul = await graphql(built, CREATE, { input: { title: 'a\u0000b', body: '' } }, headers);
    expect(codes(nul)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses a literal first outside 1..100 before running anything, and counts a variable first as a full page', async () => {
    const repository = built.ctx.ports.notes!;
    const { list } = repository;
    let lists = 0;
    repository.list = (options) => {
      lists += 1;
      return list.call(repository, options);
    };
    try {
      const negative = await graphql(built, `{ ${Array.from({ length: 3 }, (_, i) => `a${i}: notes(first: -1) { edges { node { id } } }`).join(' ')} }`);
      expect(negative.statusCode).toBe(400);
      expect(new Set(codes(negative))).toEqual(new Set(['BAD_USER_INPUT']));
      expect(negative.errors![0]!.message).toBe('first must be an integer from 1 to 100, got -1');
      expect(codes(await graphql(built, '{ notes(first: 101) { edges { cursor } } }'))).toEqual(['BAD_USER_INPUT']);
      // Whatever $n turns out to be, each alias may fetch a full page: 10 of them are over the limit.
      const variable = await graphql(built, `query Pages($n: Int) { ${Array.from({ length: 10 }, (_, i) => `a${i}: notes(first: $n) { edges { node { id } } }`).join(' ')} }`, { n: -5 });
      expect([variable.statusCode, codes(variable)]).toEqual([400, ['QUERY_TOO_COMPLEX']]);
      expect(lists).toBe(0);
    } finally {
      repository.list = list;
    }
  });

  it('bounds the work of validation: documents over GRAPHQL_MAX_TOKENS and fragments that multiply are refused (400)', async () => {
    const aliases = await graphql(built, `{ ${Array.from({ length: 10_000 }, (_, i) => `a${i}: __typename`).join(' ')} }`);
    expect([aliases.statusCode, codes(aliases)]).toEqual([400, ['QUERY_TOO_LARGE']]);
    // Each fragment spreads the next one twice: 2^60 fields, which the cost rule must not walk one by one.
    const levels = 60;
    const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Query { ${i === levels - 1 ? '__typename' : `...F${i + 1} ...F${i + 1}`} }`).join(' ');
    const doubling = await graphql(built, `query Doubling { ...F0 } ${fragments}`);
    expect([doubling.statusCode, codes(doubling)]).toEqual([400, ['QUERY_TOO_COMPLEX']]);
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

  it('serves GraphiQL only in development and answers introspection except in production, unless GRAPHQL_INTROSPECTION says', async () => {
    const introspect = (app: BuiltApp) => graphql(app, '{ __schema { queryType { name } } }');
    expect((await built.app.inject('/graphiql')).statusCode).toBe(404);
    expect((await introspect(built)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const development = await testApp({ NODE_ENV: 'development' });
    const production = await testApp({ NODE_ENV: 'production' });
    const opened = await testApp({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' });
    const closed = await testApp({ GRAPHQL_INTROSPECTION: 'false' });
    try {
      expect((await development.app.inject('/graphiql')).statusCode).toBe(200);
      const refused = await introspect(production);
      expect([refused.statusCode, new Set(codes(refused))]).toEqual([400, new Set(['GRAPHQL_VALIDATION_FAILED'])]);
      expect(codes(await graphql(production, '{ __type(name: "Note") { name } }'))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect((await graphql(production, '{ __typename }')).data).toEqual({ __typename: 'Query' });
      expect((await production.app.inject('/graphiql')).statusCode).toBe(404);
      expect((await introspect(opened)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
      expect((await opened.app.inject('/graphiql')).statusCode).toBe(200);
      expect((await introspect(closed)).statusCode).toBe(400);
    } finally {
      await Promise.all([development, production, opened, closed].map((b) => b.app.close()));
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

describe('graphql-ws connections get the WebSocket limits and the protocol checks', () => {
  const opened: BuiltApp[] = [];
  const sockets: RawGraphqlWs[] = [];
  afterAll(async () => {
    await Promise.all(sockets.map((socket) => socket.close()));
    await Promise.all(opened.map((b) => b.app.close()));
  });

  async function listening(env: Record<string, string> = {}): Promise<{ built: BuiltApp; connect: () => Promise<RawGraphqlWs> }> {
    const built = await testApp({ RATE_LIMIT_MAX: '10000', ...env });
    opened.push(built);
    const url = `${(await built.app.listen({ port: 0, host: '127.0.0.1' })).replace('http', 'ws')}/graphql`;
    const connect = async () => {
      const socket = await rawGraphqlWs(url);
      sockets.push(socket);
      return socket;
    };
    return { built, connect };
  }

  /** The server notes a close after the client saw it: scrape until the metrics show what is expected. */
  async function scrapeUntil(built: BuiltApp, pattern: RegExp): Promise<string> {
    let text = '';
    for (let attempt = 0; attempt < 200 && !pattern.test(text); attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 50));
      text = (await built.app.inject('/metrics')).body;
    }
    expect(text).toMatch(pattern);
    return text;
  }

  /** Creates notes until one has reached every subscription id given. */
  async function deliverTo(built: BuiltApp, socket: RawGraphqlWs, ids: string[]): Promise<void> {
    const waiting = new Set(ids);
    for (let attempt = 0; attempt < 40 && waiting.size > 0; attempt++) {
      await built.app.notesService.create({ title: `live ${attempt}`, body: '' });
      await new Promise((r) => setTimeout(r, 100));
      for (const message of socket.take((m) => m.type === 'next')) waiting.delete(message.id!);
    }
    expect([...waiting]).toEqual([]);
  }

  it('caps active subscriptions per connection (GRAPHQL_MAX_SUBSCRIPTIONS), counting reused ids, and frees a slot on complete', async () => {
    const { built, connect } = await listening({ GRAPHQL_MAX_SUBSCRIPTIONS: '2' });
    const socket = await connect();
    socket.subscribe('a');
    socket.subscribe('a'); // mercurius forgets the first 'a' without ending it: it still holds a slot
    socket.subscribe('b');
    const refused = await socket.next((m) => m.type === 'error');
    expect(refused).toEqual({ type: 'error', id: 'b', payload: [expect.objectContaining({ extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', max: 2 } })] });
    await deliverTo(built, socket, ['a']);

    socket.send({ type: 'complete', id: 'a' }); // ends the second 'a'; the first stays until the socket closes
    await new Promise((r) => setTimeout(r, 100));
    socket.subscribe('c');
    await deliverTo(built, socket, ['c']);
    socket.subscribe('d');
    expect((await socket.next((m) => m.type === 'error')).id).toBe('d');
  });

  it('validates subscriptions like queries (unknown fields, the cost limit) before they start', async () => {
    const { connect } = await listening();
    const socket = await connect();
    socket.subscribe('x', 'subscription { noteCreated { nope } }');
    const invalid = await socket.next((m) => m.id === 'x');
    expect(invalid).toMatchObject({ type: 'error', payload: [{ message: expect.stringContaining('nope') }] });
    socket.send({ type: 'subscribe', id: 'y', payload: { query: 'subscription Live { noteCreated { id } }', operationName: 'Other' } });
    expect(await socket.next((m) => m.id === 'y')).toEqual({ type: 'error', id: 'y', payload: [{ message: 'Unknown operation named "Other"', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] });
  });

  it('closes a connection that breaks the protocol with 4400, and a second connection_init with 4429', async () => {
    const { built, connect } = await listening();
    for (const message of [
      'not json',
      '[1]',
      { type: 'publish' },
      { type: 'subscribe', id: 's', payload: { query: { kind: 'Document', definitions: [] } } },
      { type: 'subscribe', id: 's', payload: { query: 'subscription { noteCreated { id } }', variables: [1] } },
      { type: 'subscribe', payload: { query: 'subscription { noteCreated { id } }' } },
      Buffer.from([1, 2, 3]),
    ]) {
      const socket = await connect();
      socket.send(message);
      expect((await socket.closed).code).toBe(4400);
    }
    const twice = await connect();
    twice.send({ type: 'connection_init' });
    expect(await twice.closed).toEqual({ code: 4429, reason: 'Too many initialisation requests' });
    const text = await scrapeUntil(built, /^websocket_disconnects_total\{endpoint="\/graphql",reason="protocol_error"\} 8$/m);
    expect(text).toMatch(/^websocket_messages_received_total\{endpoint="\/graphql",type="connection_init",outcome="ok"\} \d+$/m);
  });

  it('closes a client that sends faster than WS_MESSAGES_PER_SECOND (1008) or a message over WS_MAX_MESSAGE_BYTES (1009)', async () => {
    const { connect } = await listening({ WS_MESSAGES_PER_SECOND: '1', WS_MESSAGE_BURST: '3', WS_MAX_MESSAGE_BYTES: '256' });
    const flooding = await connect(); // connection_init took one token
    for (let i = 0; i < 4; i++) flooding.send({ type: 'ping' });
    expect(await flooding.closed).toEqual({ code: 1008, reason: 'message rate limit exceeded' });
    const big = await connect();
    big.subscribe('big', `subscription { noteCreated { id ${'title '.repeat(60)}} }`);
    expect((await big.closed).code).toBe(1009);
  });
});
