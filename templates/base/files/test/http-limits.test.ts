import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import { ConfigError } from '../src/core/config.js';
import { modules } from '../src/modules.js';
import { testApp } from './support/app.js';
import { dripFeed, openConnection, parseResponse, portOf, rawRequest, within } from './support/raw-http.js';
import { probeRoutes } from './support/probe-routes.js';

// Short limits so a test takes seconds; every wait is bounded far above them (a loaded CI machine).
const LIMITS = {
  HEADERS_TIMEOUT_MS: '1000',
  REQUEST_TIMEOUT_MS: '2000',
  KEEP_ALIVE_TIMEOUT_MS: '1000',
  CONNECTION_TIMEOUT_MS: '1500',
  MAX_HEADER_BYTES: '4096',
  BODY_LIMIT_BYTES: '200',
  RATE_LIMIT_MAX: '1000',
};
const SLACK_MS = 15_000;

const expectProblem = (res: { status: number; headers: Record<string, string>; body: string }, status: number) => {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(JSON.parse(res.body)).toMatchObject({ type: 'about:blank', status, title: expect.any(String) });
};

describe('HTTP server limits and errors before routing', () => {
  let built: BuiltApp;
  let port: number;
  beforeAll(async () => {
    built = await testApp(LIMITS, { modules: [...modules, probeRoutes] });
    await built.app.listen({ host: '127.0.0.1', port: 0 });
    port = portOf(built.app);
  });
  afterAll(() => built.app.close());

  const get = (path: string, headers = '') => rawRequest(port, `GET ${path} HTTP/1.1\r\nhost: test\r\n${headers}connection: close\r\n\r\n`);

  it('cuts off a client that sends its headers one line at a time (408, then closed)', async () => {
    const connection = await openConnection(port);
    connection.socket.write('GET /probe/items/1 HTTP/1.1\r\nhost: test\r\n');
    dripFeed(connection, 'x-slow: 1\r\n', 200);
    const received = await within(connection.closed, Number(LIMITS.HEADERS_TIMEOUT_MS) + SLACK_MS, 'slow headers closed');
    expectProblem(parseResponse(received), 408);
  });

  it('cuts off a client that sends its body one byte at a time (408, then closed)', async () => {
    const connection = await openConnection(port);
    connection.socket.write('POST /probe/items HTTP/1.1\r\nhost: test\r\ncontent-type: application/json\r\ncontent-length: 150\r\n\r\n{');
    dripFeed(connection, ' ', 200);
    const received = await within(connection.closed, Number(LIMITS.REQUEST_TIMEOUT_MS) + SLACK_MS, 'slow body closed');
    expectProblem(parseResponse(received), 408);
  });

  it('closes a connection that stays silent after connecting', async () => {
    const connection = await openConnection(port);
    await within(connection.closed, Number(LIMITS.HEADERS_TIMEOUT_MS) + SLACK_MS, 'silent connection closed');
  });

  it('closes an idle keep-alive connection after KEEP_ALIVE_TIMEOUT_MS', async () => {
    const connection = await openConnection(port);
    connection.socket.write('GET /probe/items/1 HTTP/1.1\r\nhost: test\r\n\r\n');
    await expect.poll(() => connection.received().includes('\r\n\r\n'), { timeout: SLACK_MS }).toBe(true);
    expect(parseResponse(connection.received()).status).toBe(200);
    await within(connection.closed, Number(LIMITS.KEEP_ALIVE_TIMEOUT_MS) + SLACK_MS, 'idle keep-alive closed');
  });

  it('closes a connection with no traffic while a handler stalls, after CONNECTION_TIMEOUT_MS', async () => {
    const connection = await openConnection(port);
    connection.socket.write('GET /probe/stall HTTP/1.1\r\nhost: test\r\n\r\n');
    await within(connection.closed, Number(LIMITS.CONNECTION_TIMEOUT_MS) + SLACK_MS, 'stalled connection closed');
  });

  it('431 for request headers over MAX_HEADER_BYTES', async () => {
    expectProblem(await get('/probe/items/1', `x-big: ${'a'.repeat(6000)}\r\n`), 431);
  });

  it('431 for many headers that are each small', async () => {
    const headers = Array.from({ length: 600 }, (_, i) => `x-h${i}: value\r\n`).join('');
    expectProblem(await get('/probe/items/1', headers), 431);
  });

  it('414 for a URL longer than the request head may be', async () => {
    expectProblem(await get(`/probe/items/1?q=${'a'.repeat(6000)}`), 414);
  });

  it('414 for a path parameter longer than the router accepts', async () => {
    expectProblem(await get(`/probe/items/${'a'.repeat(500)}`), 414);
  });

  it('serves a long URL that fits in the limit', async () => {
    expect((await get(`/probe/items/1?q=${'a'.repeat(2000)}`)).status).toBe(200);
  });

  it.each([
    ['malformed percent-encoding in the path', () => get('/probe/items/%zz')],
    ['a truncated UTF-8 sequence in the path', () => get('/probe/items/%E0%A4%A')],
    ['a request line that is not HTTP', () => rawRequest(port, 'HELLO THERE\r\n\r\n')],
    ['a non-numeric Content-Length', () => rawRequest(port, 'POST /probe/items HTTP/1.1\r\nhost: test\r\ncontent-length: abc\r\n\r\n')],
    ['a header name with a space', () => get('/probe/items/1', 'bad header: x\r\n')],
    [
      'a bad chunk size',
      () => rawRequest(port, 'POST /probe/items HTTP/1.1\r\nhost: test\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n'),
    ],
  ])('400 for %s', async (_label, send) => {
    expectProblem(await send(), 400);
  });

  it.each([
    [404, () => get('/no/such/route')],
    [
      400,
      () =>
        rawRequest(
          port,
          'POST /probe/items HTTP/1.1\r\nhost: test\r\ncontent-type: application/json\r\ncontent-length: 9\r\nconnection: close\r\n\r\n{"title":',
        ),
    ],
    [
      400,
      () => rawRequest(port, 'POST /probe/items HTTP/1.1\r\nhost: test\r\ncontent-type: application/json\r\ncontent-length: 0\r\nconnection: close\r\n\r\n'),
    ],
    [
      413,
      () =>
        rawRequest(
          port,
          `POST /probe/items HTTP/1.1\r\nhost: test\r\ncontent-type: application/json\r\ncontent-length: 300\r\nconnection: close\r\n\r\n{"title":"${'y'.repeat(287)}"}`,
        ),
    ],
    [415, () => rawRequest(port, 'POST /probe/items HTTP/1.1\r\nhost: test\r\ncontent-type: text/csv\r\ncontent-length: 3\r\nconnection: close\r\n\r\na,b')],
  ])('%i problem+json for what Fastify refuses over a real connection', async (status, send) => {
    expectProblem(await send(), status);
  });

  it('gives each parser error a request id, in the body and the x-request-id header', async () => {
    const res = await get('/probe/items/1', `x-big: ${'a'.repeat(6000)}\r\n`);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(res.body).requestId).toBe(res.headers['x-request-id']);
  });
});

describe('HTTP server limit settings', () => {
  it('refuses a headers timeout longer than the request timeout, naming the variable', async () => {
    await expect(testApp({ HEADERS_TIMEOUT_MS: '5000', REQUEST_TIMEOUT_MS: '1000' })).rejects.toThrow(ConfigError);
    await expect(testApp({ HEADERS_TIMEOUT_MS: '5000', REQUEST_TIMEOUT_MS: '1000' })).rejects.toThrow(
      'HEADERS_TIMEOUT_MS="5000" is not at most REQUEST_TIMEOUT_MS (1000)',
    );
  });

  it('applies production defaults to the Node server', async () => {
    const built = await testApp();
    try {
      const { server } = built.app;
      expect(server.requestTimeout).toBe(30_000);
      expect(server.headersTimeout).toBe(10_000);
      expect(server.keepAliveTimeout).toBe(72_000);
      expect(server.timeout).toBe(60_000);
      expect((server as typeof server & { maxHeaderSize?: number }).maxHeaderSize).toBe(16384);
    } finally {
      await built.app.close();
    }
  });
});
