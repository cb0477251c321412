// The gRPC module through the probe service (test/support/grpc-probe.ts), whatever resources the project
// has: errors as status codes, malformed calls, request ids, logs, metrics, streams, auth and rate limits.
import { gzipSync } from 'node:zlib';
import { status } from '@grpc/grpc-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { modules } from '../src/modules.js';
import { withFakeAuth } from './support/fake-auth.js';
import { collect, grpcTestApp, metadataOf, serviceClient, streamStarted, unary, type GrpcTestApp } from './support/grpc.js';
import { PROBE_SERVICE, type ProbeClient } from './support/grpc-probe.js';
import { grpcFrame, http2Call, RawGrpcClient } from './support/grpc-raw.js';
import { captureLogs } from './support/log-capture.js';

const ECHO = `/${PROBE_SERVICE}/Echo`;

describe('gRPC API', () => {
  let app: GrpcTestApp;
  let client: ProbeClient;
  const logs = captureLogs();
  beforeAll(async () => {
    app = await grpcTestApp({ RATE_LIMIT_MAX: '10000', LOG_LEVEL: 'info' }, { logStream: logs.stream });
    client = serviceClient<ProbeClient>(app.address, PROBE_SERVICE);
  });
  afterAll(async () => {
    client.close();
    await app.app.close();
  });

  it('answers domain errors with the status code of their HTTP status, and their headers as trailers', async () => {
    const codes: [number, status][] = [
      [400, status.INVALID_ARGUMENT],
      [401, status.UNAUTHENTICATED],
      [403, status.PERMISSION_DENIED],
      [404, status.NOT_FOUND],
      [409, status.FAILED_PRECONDITION],
      [412, status.FAILED_PRECONDITION],
      [418, status.FAILED_PRECONDITION], // any other client error
      [422, status.INVALID_ARGUMENT],
      [429, status.RESOURCE_EXHAUSTED],
      [503, status.UNAVAILABLE],
      [504, status.DEADLINE_EXCEEDED],
    ];
    for (const [httpStatus, code] of codes) {
      const answer = await unary((cb) => client.Echo({ failWithStatus: httpStatus }, cb));
      expect(answer.error, String(httpStatus)).toMatchObject({ code, details: `Failed with ${httpStatus}` });
    }
    const outage = await unary((cb) => client.Echo({ failWithStatus: 503, failHeaders: ['retry-after: 5'] }, cb));
    expect(outage.error?.code).toBe(status.UNAVAILABLE);
    expect(outage.trailers.get('retry-after')).toEqual(['5']);
    expect((await unary((cb) => client.Echo({ text: 'fine' }, cb))).value).toEqual({ text: 'fine' });
  });

  it('answers an unexpected error with INTERNAL and nothing of it, and logs its cause', async () => {
    const answer = await unary((cb) => client.Echo({ failWithStatus: 500 }, metadataOf({ 'x-request-id': 'req-grpc-bug' }), cb));
    expect(answer.error).toMatchObject({ code: status.INTERNAL, details: 'Internal server error' });
    const line = logs.lines.find((l) => l.request_id === 'req-grpc-bug');
    expect(line).toMatchObject({ level: 50, msg: 'grpc call failed', grpc_code: 'INTERNAL', err: { message: 'database password is hunter2' } });
  });

  it('answers malformed calls with client codes, never INTERNAL, whichever service they are for', async () => {
    const raw = new RawGrpcClient(app.address);
    try {
      const garbage = Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f]);
      expect((await raw.unary(ECHO, garbage)).code).toBe(status.INVALID_ARGUMENT);
      expect((await raw.unary('/grpc.health.v1.Health/Check', garbage)).code).toBe(status.INVALID_ARGUMENT);
      expect((await raw.unary(`/${PROBE_SERVICE}/Nope`, Buffer.alloc(0))).code).toBe(status.UNIMPLEMENTED);
      expect((await raw.unary(ECHO, Buffer.alloc(2_000_000))).code).toBe(status.RESOURCE_EXHAUSTED); // over BODY_LIMIT_BYTES
    } finally {
      raw.close();
    }
    expect((await http2Call(app.address, ECHO, grpcFrame(Buffer.alloc(0)), { 'grpc-timeout': 'soon' })).grpcStatus).toBe(status.INVALID_ARGUMENT);
    expect((await http2Call(app.address, ECHO, grpcFrame(Buffer.from('not gzip'), { compressed: true }), { 'grpc-encoding': 'gzip' })).grpcStatus).toBe(status.INVALID_ARGUMENT);
    const textX = Buffer.from([0x0a, 0x01, 0x78]); // EchoRequest { text: "x" }
    const inflated = await http2Call(app.address, ECHO, grpcFrame(gzipSync(textX), { compressed: true }), { 'grpc-encoding': 'gzip' });
    expect(inflated.grpcStatus).toBe(status.OK); // compression itself works
  });

  it('honours a well-formed x-request-id, mints one otherwise, and logs one line per call', async () => {
    const sent = await unary((cb) => client.Echo({ failWithStatus: 404 }, metadataOf({ 'x-request-id': 'req-grpc-1' }), cb));
    expect(sent.headers?.get('x-request-id')).toEqual(['req-grpc-1']);
    const minted = await unary((cb) => client.Echo({}, metadataOf({ 'x-request-id': 'bad id with spaces' }), cb));
    expect(String(minted.headers?.get('x-request-id')[0])).toMatch(/^[0-9a-f-]{36}$/);

    const lines = logs.lines.filter((l) => l.request_id === 'req-grpc-1');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'grpc call completed', grpc_service: PROBE_SERVICE, grpc_method: 'Echo', grpc_code: 'NOT_FOUND', remote_ip: '127.0.0.1' });
    expect(lines[0]!.duration_ms).toBeGreaterThanOrEqual(0);
  });

  it('counts calls by service, method and code', async () => {
    await unary((cb) => client.Echo({ text: 'counted' }, cb));
    await unary((cb) => client.Echo({ failWithStatus: 404 }, cb));
    const text = (await app.app.inject('/metrics')).body;
    expect(text).toMatch(/grpc_server_handled_total\{grpc_service="probe.v1.ProbeService",grpc_method="Echo",grpc_type="unary",grpc_code="OK"\} [1-9]/);
    expect(text).toMatch(/grpc_server_handled_total\{grpc_service="probe.v1.ProbeService",grpc_method="Echo",grpc_type="unary",grpc_code="NOT_FOUND"\} [1-9]/);
    expect(text).toMatch(/grpc_server_handling_seconds_count\{grpc_service="probe.v1.ProbeService",grpc_method="Echo",grpc_type="unary"\} [1-9]/);
  });

  describe('server streams', () => {
    it('end with CANCELLED when the client cancels, and are recorded', async () => {
      const stream = client.Listen({});
      await streamStarted(stream);
      const ended = collect(stream);
      stream.cancel();
      expect((await ended).status.code).toBe(status.CANCELLED);
      await expect
        .poll(async () => (await app.app.inject('/metrics')).body, { timeout: 15_000 })
        .toMatch(/grpc_server_handled_total\{[^}]*grpc_method="Listen",grpc_type="server_stream",grpc_code="CANCELLED"\} 1/);
    });

    it('end with DEADLINE_EXCEEDED when the client deadline passes, and are recorded', async () => {
      const { status: end } = await collect(client.Listen({}, { deadline: Date.now() + 3000 }));
      expect(end.code).toBe(status.DEADLINE_EXCEEDED);
      await expect.poll(async () => (await app.app.inject('/metrics')).body, { timeout: 15_000 }).toMatch(/grpc_method="Listen",grpc_type="server_stream",grpc_code="DEADLINE_EXCEEDED"\} 1/);
    });
  });
});

describe('gRPC auth and rate limiting', () => {
  let app: GrpcTestApp | undefined;
  let client: ProbeClient | undefined;
  afterEach(async () => {
    client?.close();
    await app?.app.close();
  });

  it('reads openly, requires a principal to write, and rejects bad tokens with their WWW-Authenticate', async () => {
    app = await grpcTestApp({}, { modules: withFakeAuth(modules) });
    client = serviceClient<ProbeClient>(app.address, PROBE_SERVICE);
    const anonymous = await unary((cb) => client!.Write({ text: 't' }, cb));
    expect(anonymous.error).toMatchObject({ code: status.UNAUTHENTICATED, details: 'Authentication required' });
    const bad = await unary((cb) => client!.Echo({}, metadataOf({ authorization: 'Bearer wrong' }), cb));
    expect(bad.error).toMatchObject({ code: status.UNAUTHENTICATED, details: 'invalid token' });
    expect(bad.trailers.get('www-authenticate')).toEqual(['Bearer error="invalid_token"']);
    expect((await unary((cb) => client!.Echo({}, cb))).error).toBeUndefined();
    const good = await unary((cb) => client!.Write({ text: 't' }, metadataOf({ authorization: 'Bearer good-token' }), cb));
    expect(good.value).toEqual({ text: 't' });
  });

  it('answers RESOURCE_EXHAUSTED past the limit, with retry-after and the rate-limit fields', async () => {
    app = await grpcTestApp({ RATE_LIMIT_MAX: '2', RATE_LIMIT_WINDOW_SECONDS: '60' });
    client = serviceClient<ProbeClient>(app.address, PROBE_SERVICE);
    const first = await unary((cb) => client!.Echo({}, cb));
    expect(first.trailers.get('ratelimit')).toEqual(['"default";r=1;t=60']);
    await unary((cb) => client!.Echo({}, cb));
    const limited = await unary((cb) => client!.Echo({}, cb));
    expect(limited.error).toMatchObject({ code: status.RESOURCE_EXHAUSTED, details: 'Rate limit of 2 requests per 60s exceeded' });
    expect(limited.trailers.get('retry-after')).toEqual(['60']);
    expect(limited.trailers.get('ratelimit-policy')).toEqual(['"default";q=2;w=60']);
  });

  it('keys anonymous calls by x-forwarded-for only behind a trusted proxy (TRUST_PROXY)', async () => {
    const from = (ip: string) => metadataOf({ 'x-forwarded-for': `${ip}, 10.0.0.1` });
    const echoFrom = async (ip: string) => (await unary((cb) => client!.Echo({}, from(ip), cb))).error?.code;
    app = await grpcTestApp({ RATE_LIMIT_MAX: '1', TRUST_PROXY: 'true' });
    client = serviceClient<ProbeClient>(app.address, PROBE_SERVICE);
    expect([await echoFrom('203.0.113.7'), await echoFrom('203.0.113.7'), await echoFrom('203.0.113.8')]).toEqual([undefined, status.RESOURCE_EXHAUSTED, undefined]);
    client.close();
    await app.app.close();

    app = await grpcTestApp({ RATE_LIMIT_MAX: '1' });
    client = serviceClient<ProbeClient>(app.address, PROBE_SERVICE);
    expect([await echoFrom('203.0.113.7'), await echoFrom('203.0.113.8')]).toEqual([undefined, status.RESOURCE_EXHAUSTED]);
  });
});
