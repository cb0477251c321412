import { type Metadata, status } from '@grpc/grpc-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Note as DomainNote } from '../src/core/ports.js';
import { compareListOrder } from '../src/features/notes/cursor.js';
import type { Note__Output as Note } from '../src/modules/api-grpc/generated/notes/v1/Note.js';
import type { NotesServiceClient } from '../src/modules/api-grpc/generated/notes/v1/NotesService.js';
import { modules } from '../src/modules.js';
import { authHeaders } from './support/auth.js';
import { fakeAuthModule } from './support/fake-auth.js';
import { collect, grpcTestApp, metadataOf, notesClient, streamStarted, unary, type GrpcTestApp } from './support/grpc.js';
import { grpcFrame, http2Call, RawGrpcClient } from './support/grpc-raw.js';
import { HttpProblem } from '../src/core/errors.js';
import { gzipSync } from 'node:zlib';
import { captureLogs } from './support/log-capture.js';

describe('gRPC API', () => {
  let app: GrpcTestApp;
  let client: NotesServiceClient;
  let auth: Metadata;
  const logs = captureLogs();
  beforeAll(async () => {
    app = await grpcTestApp({ RATE_LIMIT_MAX: '10000', LOG_LEVEL: 'info' }, { logStream: logs.stream });
    client = notesClient(app.address);
    auth = metadataOf(await authHeaders());
  });
  afterAll(async () => {
    client.close();
    await app.app.close();
  });

  const create = async (title: string, body = 'text'): Promise<Note> => {
    const { value, error } = await unary<Note>((cb) => client.Create({ title, body }, auth, cb));
    if (error) throw error;
    return value!;
  };

  it('creates, reads, updates and deletes a note, with the domain rules and the shape of REST', async () => {
    const note = await create('  first  ', 'hello');
    expect(note).toMatchObject({ title: 'first', body: 'hello' });
    expect(note).toEqual((await app.app.notesService.get(note.id)) as DomainNote);
    expect((await unary<Note>((cb) => client.Get({ id: note.id }, cb))).value).toEqual(note);

    const updated = await unary<Note>((cb) => client.Update({ id: note.id, body: 'changed' }, auth, cb));
    expect(updated.value).toMatchObject({ id: note.id, title: 'first', body: 'changed' }); // title unset: unchanged
    expect((await unary<Note>((cb) => client.Get({ id: note.id }, cb))).value?.body).toBe('changed'); // cache invalidated

    expect((await unary((cb) => client.Delete({ id: note.id }, auth, cb))).value).toEqual({});
    const gone = await unary((cb) => client.Get({ id: note.id }, cb));
    expect(gone.error).toMatchObject({ code: status.NOT_FOUND, details: `Note ${note.id} not found` });
    expect((await unary((cb) => client.Delete({ id: note.id }, auth, cb))).error?.code).toBe(status.NOT_FOUND);
  });

  it('answers broken domain rules and bad pages with INVALID_ARGUMENT', async () => {
    expect((await unary((cb) => client.Create({ title: '   ', body: '' }, auth, cb))).error).toMatchObject({ code: status.INVALID_ARGUMENT, details: 'title must not be blank' });
    const note = await create('kept');
    expect((await unary((cb) => client.Update({ id: note.id }, auth, cb))).error).toMatchObject({ code: status.INVALID_ARGUMENT, details: 'patch must change title or body' });
    expect((await unary((cb) => client.List({ pageSize: 101 }, cb))).error).toMatchObject({ code: status.INVALID_ARGUMENT, details: 'page_size must be between 0 and 100, got 101' });
    expect((await unary((cb) => client.List({ pageToken: 'not-a-token' }, cb))).error?.code).toBe(status.INVALID_ARGUMENT);
  });

  it('answers malformed calls with client codes, never INTERNAL, whichever service they are for', async () => {
    const raw = new RawGrpcClient(app.address);
    try {
      const garbage = Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f]);
      expect((await raw.unary('/notes.v1.NotesService/Get', garbage)).code).toBe(status.INVALID_ARGUMENT);
      expect((await raw.unary('/grpc.health.v1.Health/Check', garbage)).code).toBe(status.INVALID_ARGUMENT);
      expect((await raw.unary('/notes.v1.NotesService/Nope', Buffer.alloc(0))).code).toBe(status.UNIMPLEMENTED);
      expect((await raw.unary('/notes.v1.NotesService/Get', Buffer.alloc(2_000_000))).code).toBe(status.RESOURCE_EXHAUSTED); // over BODY_LIMIT_BYTES
    } finally {
      raw.close();
    }
    const get = '/notes.v1.NotesService/Get';
    expect((await http2Call(app.address, get, grpcFrame(Buffer.alloc(0)), { 'grpc-timeout': 'soon' })).grpcStatus).toBe(status.INVALID_ARGUMENT);
    expect((await http2Call(app.address, get, grpcFrame(Buffer.from('not gzip'), { compressed: true }), { 'grpc-encoding': 'gzip' })).grpcStatus).toBe(status.INVALID_ARGUMENT);
    const inflated = await http2Call(app.address, get, grpcFrame(gzipSync(Buffer.from([0x0a, 0x01, 0x78])), { compressed: true }), { 'grpc-encoding': 'gzip' });
    expect(inflated).toMatchObject({ grpcStatus: status.NOT_FOUND, grpcMessage: 'Note x not found' }); // compression itself works
    // Details travel in a trailer: an absurd id is not quoted whole.
    const long = await unary((cb) => client.Get({ id: 'x'.repeat(100_000) }, cb));
    expect(long.error?.code).not.toBe(status.INTERNAL);
    expect(long.error?.details.length).toBeLessThan(200);
    expect((await unary((cb) => client.Create({ title: 'a\u0000b', body: '' }, auth, cb))).error?.code).toBe(status.INVALID_ARGUMENT);
  });

  it('answers a dependency outage (503) with UNAVAILABLE and its retry-after', async () => {
    const repository = app.ctx.ports.notes!;
    const { list } = repository;
    repository.list = async () => Promise.reject(new HttpProblem(503, 'The database is unavailable; retry later.', { headers: { 'retry-after': '5' } }));
    try {
      const down = await unary((cb) => client.List({}, cb));
      expect(down.error).toMatchObject({ code: status.UNAVAILABLE, details: 'The database is unavailable; retry later.' });
      expect(down.trailers.get('retry-after')).toEqual(['5']);
    } finally {
      repository.list = list;
    }
  });

  it('pages through notes with tokens, without gaps or repeats', async () => {
    const fresh = await grpcTestApp({ RATE_LIMIT_MAX: '10000' });
    const freshClient = notesClient(fresh.address);
    try {
      const created: Note[] = [];
      for (let i = 0; i < 5; i++) created.push((await unary<Note>((cb) => freshClient.Create({ title: `n${i}`, body: '' }, auth, cb))).value!);
      const ids = created.sort(compareListOrder).map((note) => note.id);
      const seen: string[] = [];
      let pageToken = '';
      let pages = 0;
      do {
        const { value } = await unary<{ notes: Note[]; nextPageToken: string }>((cb) => freshClient.List({ pageSize: 2, pageToken }, cb));
        seen.push(...value!.notes.map((n) => n.id));
        pageToken = value!.nextPageToken;
        pages += 1;
      } while (pageToken);
      expect(seen).toEqual(ids);
      expect(pages).toBe(3);
    } finally {
      freshClient.close();
      await fresh.app.close();
    }
  });

  it('honours a well-formed x-request-id, mints one otherwise, and logs one line per call', async () => {
    const sent = await unary((cb) => client.Get({ id: 'missing' }, metadataOf({ 'x-request-id': 'req-grpc-1' }), cb));
    expect(sent.headers?.get('x-request-id')).toEqual(['req-grpc-1']);
    const minted = await unary((cb) => client.Get({ id: 'missing' }, metadataOf({ 'x-request-id': 'bad id with spaces' }), cb));
    expect(String(minted.headers?.get('x-request-id')[0])).toMatch(/^[0-9a-f-]{36}$/);

    const lines = logs.lines.filter((l) => l.request_id === 'req-grpc-1');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'grpc call completed', grpc_service: 'notes.v1.NotesService', grpc_method: 'Get', grpc_code: 'NOT_FOUND', remote_ip: '127.0.0.1' });
    expect(lines[0]!.duration_ms).toBeGreaterThanOrEqual(0);
  });

  it('counts calls by service, method and code', async () => {
    await create('counted');
    await unary((cb) => client.Get({ id: 'missing' }, cb));
    const text = await (await app.app.inject('/metrics')).body;
    expect(text).toMatch(/grpc_server_handled_total\{grpc_service="notes.v1.NotesService",grpc_method="Create",grpc_type="unary",grpc_code="OK"\} [1-9]/);
    expect(text).toMatch(/grpc_server_handled_total\{grpc_service="notes.v1.NotesService",grpc_method="Get",grpc_type="unary",grpc_code="NOT_FOUND"\} [1-9]/);
    expect(text).toMatch(/grpc_server_handling_seconds_count\{grpc_service="notes.v1.NotesService",grpc_method="Create",grpc_type="unary"\} [1-9]/);
  });

  describe('Watch', () => {
    it('streams every note created from now on, by any API style', async () => {
      const stream = client.Watch({});
      await streamStarted(stream);
      const ended = collect(stream, (_note, all) => {
        if (all.length === 2) stream.cancel();
      });
      const viaGrpc = await create('via gRPC');
      const viaService = await app.app.notesService.create({ title: 'via the service (as REST, GraphQL and WebSocket do)', body: '' });
      await app.app.notesService.update(viaGrpc.id, { body: 'updates are not created notes' });
      const { messages, status: end } = await ended;
      expect(messages.map((n) => n.id)).toEqual([viaGrpc.id, viaService.id]);
      expect(end.code).toBe(status.CANCELLED);
      await expect.poll(async () => (await app.app.inject('/metrics')).body, { timeout: 15_000 }).toMatch(/grpc_server_handled_total\{[^}]*grpc_method="Watch",grpc_type="server_stream",grpc_code="CANCELLED"\} 1/);
    });

    it('ends with DEADLINE_EXCEEDED when the client deadline passes, and records it', async () => {
      const { status: end } = await collect(client.Watch({}, { deadline: Date.now() + 1500 }));
      expect(end.code).toBe(status.DEADLINE_EXCEEDED);
      await expect.poll(async () => (await app.app.inject('/metrics')).body, { timeout: 15_000 }).toMatch(/grpc_code="DEADLINE_EXCEEDED"\} 1/);
    });
  });
});

describe('gRPC auth and rate limiting', () => {
  let app: GrpcTestApp | undefined;
  let client: NotesServiceClient | undefined;
  afterEach(async () => {
    client?.close();
    await app?.app.close();
  });

  it('reads openly, requires a principal to write, and rejects bad tokens with their WWW-Authenticate', async () => {
    app = await grpcTestApp({}, { modules: [...modules, fakeAuthModule] });
    client = notesClient(app.address);
    const anonymous = await unary((cb) => client!.Create({ title: 't', body: '' }, cb));
    expect(anonymous.error).toMatchObject({ code: status.UNAUTHENTICATED, details: 'Authentication required' });
    const bad = await unary((cb) => client!.List({}, metadataOf({ authorization: 'Bearer wrong' }), cb));
    expect(bad.error).toMatchObject({ code: status.UNAUTHENTICATED, details: 'invalid token' });
    expect(bad.trailers.get('www-authenticate')).toEqual(['Bearer error="invalid_token"']);
    expect((await unary((cb) => client!.List({}, cb))).error).toBeUndefined();
    const good = await unary<Note>((cb) => client!.Create({ title: 't', body: '' }, metadataOf({ authorization: 'Bearer good-token' }), cb));
    expect(good.value?.title).toBe('t');
  });

  it('answers RESOURCE_EXHAUSTED past the limit, with retry-after and the rate-limit fields', async () => {
    app = await grpcTestApp({ RATE_LIMIT_MAX: '2', RATE_LIMIT_WINDOW_SECONDS: '60' });
    client = notesClient(app.address);
    const first = await unary((cb) => client!.List({}, cb));
    expect(first.trailers.get('ratelimit')).toEqual(['"default";r=1;t=60']);
    await unary((cb) => client!.List({}, cb));
    const limited = await unary((cb) => client!.Get({ id: 'x' }, cb));
    expect(limited.error).toMatchObject({ code: status.RESOURCE_EXHAUSTED, details: 'Rate limit of 2 requests per 60s exceeded' });
    expect(limited.trailers.get('retry-after')).toEqual(['60']);
    expect(limited.trailers.get('ratelimit-policy')).toEqual(['"default";q=2;w=60']);
  });

  it('keys anonymous calls by x-forwarded-for only behind a trusted proxy (TRUST_PROXY)', async () => {
    const from = (ip: string) => metadataOf({ 'x-forwarded-for': `${ip}, 10.0.0.1` });
    const listFrom = async (ip: string) => (await unary((cb) => client!.List({}, from(ip), cb))).error?.code;
    app = await grpcTestApp({ RATE_LIMIT_MAX: '1', TRUST_PROXY: 'true' });
    client = notesClient(app.address);
    expect([await listFrom('203.0.113.7'), await listFrom('203.0.113.7'), await listFrom('203.0.113.8')]).toEqual([undefined, status.RESOURCE_EXHAUSTED, undefined]);
    client.close();
    await app.app.close();

    app = await grpcTestApp({ RATE_LIMIT_MAX: '1' });
    client = notesClient(app.address);
    expect([await listFrom('203.0.113.7'), await listFrom('203.0.113.8')]).toEqual([undefined, status.RESOURCE_EXHAUSTED]);
  });
});
