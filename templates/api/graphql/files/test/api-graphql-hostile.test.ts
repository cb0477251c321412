// Property: whatever a client sends to /graphql (any body, document, variables, operation name or query
// string), the answer is a GraphQL body with a client error or data, never a 5xx or an
// INTERNAL_SERVER_ERROR, nothing is logged as a server failure, and the app stays healthy.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import { testApp } from './support/app.js';
import { authHeaders } from './support/auth.js';
import { wrongTypeValue } from './support/hostile-input.js';
import { hostileDocument, hostileVariables, typedOperation } from './support/graphql-hostile.js';
import { captureLogs } from './support/log-capture.js';
import { RawGraphqlWs } from './support/graphql-ws-client.js';

interface Answer {
  statusCode: number;
  body: string;
}

function expectClientSafe(what: unknown, { statusCode, body }: Answer): void {
  const context = JSON.stringify(what).slice(0, 500);
  expect(statusCode, context).toBeLessThan(500);
  const parsed = JSON.parse(body) as { errors?: Array<{ extensions?: { code?: unknown } }> };
  expect(parsed, context).toHaveProperty('data');
  for (const error of parsed.errors ?? []) expect(error.extensions?.code, context).not.toBe('INTERNAL_SERVER_ERROR');
  expect(body, context).not.toMatch(/\bat .+\.(?:js|ts):\d+/); // no stack frames
}

describe('GraphQL under hostile input', () => {
  let built: BuiltApp;
  let headers: Record<string, string>;
  const logs = captureLogs();
  beforeAll(async () => {
    built = await testApp({ RATE_LIMIT_MAX: '1000000', LOG_LEVEL: 'warn' }, { logStream: logs.stream });
    headers = await authHeaders();
  });
  afterAll(() => built.app.close());

  const post = (payload: string): Promise<Answer> =>
    built.app.inject({ method: 'POST', url: '/graphql', headers: { ...headers, 'content-type': 'application/json' }, payload });

  it('answers any JSON body with a GraphQL body and a client error', async () => {
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record(
        { query: fc.oneof(hostileDocument, fc.string(), wrongTypeValue, fc.jsonValue().map((v) => JSON.stringify(v))), variables: hostileVariables, operationName: fc.oneof(fc.string(), wrongTypeValue) },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(body, async (value) => expectClientSafe(value, await post(JSON.stringify(value) ?? 'null'))),
      { numRuns: 300 },
    );
  });

  it('answers hostile documents and variables (text, cursors, page sizes) with client errors', async () => {
    await fc.assert(
      fc.asyncProperty(hostileDocument, hostileVariables, async (query, variables) => expectClientSafe({ query, variables }, await post(JSON.stringify({ query, variables })))),
      { numRuns: 300 },
    );
  });

  it('answers the typed operations with hostile values for every variable with BAD_USER_INPUT or data', async () => {
    await fc.assert(
      fc.asyncProperty(typedOperation, async (request) => expectClientSafe(request, await post(JSON.stringify(request)))),
      { numRuns: 300 },
    );
  });

  it('answers hostile GET query strings with client errors', async () => {
    const field = fc.oneof(fc.string(), hostileDocument, fc.jsonValue().map((v) => JSON.stringify(v)));
    const params = fc.record({ query: fc.oneof(field, fc.array(field, { maxLength: 2 })), variables: field, operationName: field, extensions: field }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(params, async (values) => {
        const search = new URLSearchParams();
        for (const [key, value] of Object.entries(values)) for (const one of [value].flat()) search.append(key, one);
        expectClientSafe(values, await built.app.inject({ method: 'GET', url: `/graphql?${search}` }));
      }),
      { numRuns: 200 },
    );
  });

  it('answers hostile graphql-ws messages with replies, protocol errors or a client-fault close, never 1011', async () => {
    const url = `${(await built.app.listen({ port: 0, host: '127.0.0.1' })).replace('http', 'ws')}/graphql`;
    // 1000 and 1005 (connection_terminate: the client asked), 4400 bad message, 4401 subscribe before
    // init, 4429 second init; 1002, 1007 (not UTF-8), 1008, 1009 from the shared limits. Never 1006 or 1011.
    const clientFaultCloses = new Set([1000, 1005, 4400, 4401, 4409, 4429, 1002, 1007, 1008, 1009]);
    const message = fc.oneof(
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc
        .record(
          {
            type: fc.oneof(fc.constantFrom('connection_init', 'ping', 'pong', 'subscribe', 'complete', 'start', 'stop', 'connection_terminate'), fc.string(), wrongTypeValue),
            id: fc.oneof(fc.string({ maxLength: 10 }), wrongTypeValue),
            payload: fc.oneof(fc.record({ query: fc.oneof(hostileDocument, wrongTypeValue), variables: hostileVariables, operationName: fc.oneof(fc.string(), wrongTypeValue) }, { requiredKeys: [] }), wrongTypeValue),
          },
          { requiredKeys: [] },
        )
        .map((value) => JSON.stringify(value)),
      fc.string({ maxLength: 60 }),
      fc.uint8Array({ maxLength: 60 }).map((bytes) => Buffer.from(bytes)),
    );
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(message, { minLength: 1, maxLength: 5 }), async (init, messages) => {
        const socket = await new RawGraphqlWs(url).open();
        try {
          if (init) {
            socket.send({ type: 'connection_init' });
            await socket.next((m) => m.type === 'connection_ack');
          }
          for (const one of messages) socket.send(one);
          socket.send({ type: 'ping' }); // answered with pong in order, unless the connection was closed
          const outcome = await Promise.race([socket.next((m) => m.type === 'pong').then(() => undefined), socket.closed]);
          if (outcome) expect(clientFaultCloses.has(outcome.code), `closed with ${outcome.code} after ${JSON.stringify(messages).slice(0, 400)}`).toBe(true);
          for (const error of socket.take((m) => m.type === 'error').flatMap((m) => m.payload ?? [])) {
            expect(error.extensions?.code, JSON.stringify(messages).slice(0, 400)).not.toBe('INTERNAL_SERVER_ERROR');
            expect(error.message, 'a JavaScript error leaked').not.toMatch(/Cannot read properties|is not a function|is not iterable|undefined/);
          }
        } finally {
          await socket.close();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('is still healthy afterwards, and logged no server failure', async () => {
    expect((await built.app.inject('/livez')).statusCode).toBe(200);
    const health = await post(JSON.stringify({ query: '{ health { status } }' }));
    expect(JSON.parse(health.body).data).toEqual({ health: { status: 'pass' } });
    expect(logs.lines.filter((line) => line.level >= 50)).toEqual([]);
  });
});
