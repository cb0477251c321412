// Property: whatever a client sends to /graphql (any body, document, variables, operation name or query
// string), the answer is a GraphQL body with a client error or data, never a 5xx or an
// INTERNAL_SERVER_ERROR, nothing is logged as a server failure, and the app stays healthy.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import { testApp } from './support/app.js';
import { authHeaders } from './support/auth.js';
import { hostileCursor, hostilePageSize, hostileText, wrongTypeValue } from './support/hostile-input.js';
import { hostileDocument, hostileVariables } from './support/graphql-hostile.js';
import { captureLogs } from './support/log-capture.js';

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

  it('answers the typed operations with hostile values for every argument with BAD_USER_INPUT or data', async () => {
    const operation = fc.oneof(
      fc.record({ query: fc.constant('query Page($first: Int, $after: String) { notes(first: $first, after: $after) { edges { cursor } } }'), variables: fc.record({ first: fc.oneof(hostilePageSize, wrongTypeValue), after: fc.oneof(hostileCursor, wrongTypeValue) }, { requiredKeys: [] }) }),
      fc.record({ query: fc.constant('mutation Create($input: NoteInput!) { createNote(input: $input) { id } }'), variables: fc.record({ input: fc.record({ title: fc.oneof(hostileText, wrongTypeValue), body: fc.oneof(hostileText, wrongTypeValue) }, { requiredKeys: [] }) }) }),
      fc.record({ query: fc.constant('mutation Update($id: ID!, $input: NotePatch!) { updateNote(id: $id, input: $input) { id } }'), variables: fc.record({ id: fc.oneof(hostileText, fc.string(), wrongTypeValue), input: fc.record({ title: hostileText, body: hostileText }, { requiredKeys: [] }) }) }),
      fc.record({ query: fc.constant('query Get($id: ID!) { note(id: $id) { id } }'), variables: fc.record({ id: fc.oneof(hostileText, fc.string(), wrongTypeValue) }) }),
    );
    await fc.assert(
      fc.asyncProperty(operation, async (request) => {
        const answer = await post(JSON.stringify(request));
        expectClientSafe(request, answer);
      }),
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

  it('is still healthy afterwards, and logged no server failure', async () => {
    expect((await built.app.inject('/livez')).statusCode).toBe(200);
    const created = await post(JSON.stringify({ query: 'mutation { createNote(input: { title: "after", body: "" }) { id title } }' }));
    expect(JSON.parse(created.body).data.createNote.title).toBe('after');
    expect(logs.lines.filter((line) => line.level >= 50)).toEqual([]);
  });
});
