// The GraphQL endpoint whatever the resources: Query.health, request shapes, the limits before
// execution, error codes, metrics, introspection and auth. Each resource's operations are tested in
// test/features/<resource>/graphql.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import { modules } from '../src/modules.js';
import { testApp } from './support/app.js';
import { withFakeAuth } from './support/fake-auth.js';
import { codes, graphql } from './support/graphql.js';

/** `count` aliases of one field, for documents that cost or weigh a known amount. */
const aliased = (count: number, field: string): string => Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ');

describe('GraphQL endpoint', () => {
  let built: BuiltApp;
  beforeAll(async () => {
    built = await testApp({ RATE_LIMIT_MAX: '10000' });
  });
  afterAll(() => built.app.close());

  it('answers Query.health with the readiness checks, running them once per request however often it is asked', async () => {
    let runs = 0;
    let failing = false;
    built.ctx.health.register({
      name: 'graphql-probe',
      async check() {
        runs += 1;
        if (failing) throw new Error('probe refused by 10.0.0.7');
      },
    });
    const query = '{ a: health { status } b: health { status checks { name status durationMs } } }';
    const ready = await graphql(built, query);
    expect(ready.statusCode).toBe(200);
    expect(ready.data!.a).toEqual({ status: 'pass' });
    expect(ready.data!.b.checks).toContainEqual({ name: 'graphql-probe', status: 'pass', durationMs: expect.any(Number) });
    expect(runs).toBe(1);
    failing = true;
    try {
      const down = await graphql(built, query);
      expect([down.statusCode, down.data!.a, down.errors]).toEqual([200, { status: 'fail' }, undefined]);
      expect(down.data!.b.checks).toContainEqual({ name: 'graphql-probe', status: 'fail', durationMs: expect.any(Number) });
      expect(JSON.stringify(down)).not.toContain('10.0.0.7'); // the cause stays in /readyz and the logs
    } finally {
      failing = false;
    }
  });

  it('refuses a request whose fields have the wrong type with 400 and a GraphQL body, never running it', async () => {
    const post = (payload: string) => built.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload });
    const valid = '"{ health { status } }"';
    for (const payload of [
      '{"query":123}',
      '{"query":true}',
      '{"query":null}',
      '{"query":["{ health { status } }"]}',
      '{}',
      '[]',
      '"{ health { status } }"',
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
    const unreadable = await post('{"query":');
    expect([unreadable.statusCode, unreadable.json().errors[0].extensions.code]).toEqual([400, 'BAD_REQUEST']);
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

  it('bounds the work of validation: documents over GRAPHQL_MAX_TOKENS and fragments that multiply are refused (400)', async () => {
    const aliases = await graphql(built, `{ ${aliased(10_000, '__typename')} }`);
    expect([aliases.statusCode, codes(aliases)]).toEqual([400, ['QUERY_TOO_LARGE']]);
    // Each fragment spreads the next one twice: 2^60 fields, which the cost rule must not walk one by one.
    const levels = 60;
    const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Query { ${i === levels - 1 ? '__typename' : `...F${i + 1} ...F${i + 1}`} }`).join(' ');
    const doubling = await graphql(built, `query Doubling { ...F0 } ${fragments}`);
    expect([doubling.statusCode, codes(doubling)]).toEqual([400, ['QUERY_TOO_COMPLEX']]);
  });

  it('rejects documents before execution: syntax, validation, depth and complexity (400)', async () => {
    const syntax = await graphql(built, '{ health { ');
    expect([syntax.statusCode, codes(syntax)]).toEqual([400, ['GRAPHQL_PARSE_FAILED']]);
    const unknownField = await graphql(built, '{ health { nope } }');
    expect([unknownField.statusCode, codes(unknownField)]).toEqual([400, ['GRAPHQL_VALIDATION_FAILED']]);
    const shallow = await testApp({ GRAPHQL_MAX_DEPTH: '2' });
    try {
      expect((await graphql(shallow, '{ health { status } }')).statusCode).toBe(200);
      const deep = await graphql(shallow, '{ health { checks { name } } }');
      expect([deep.statusCode, codes(deep)]).toEqual([400, ['QUERY_TOO_DEEP']]);
    } finally {
      await shallow.app.close();
    }
    // Two per alias (health and status): 501 of them are just over the default limit of 1000.
    expect((await graphql(built, `{ ${aliased(500, 'health { status }')} }`)).errors).toBeUndefined();
    const complex = await graphql(built, `query Everything { ${aliased(501, 'health { status }')} }`);
    expect([complex.statusCode, codes(complex)]).toEqual([400, ['QUERY_TOO_COMPLEX']]);
    expect(complex.errors![0]!.message).toBe('Everything costs 1002, more than the limit of 1000; request fewer items or fields');
  });

  it('hides why a resolver failed (INTERNAL_SERVER_ERROR), and exposes per-operation metrics by name, type and outcome', async () => {
    await graphql(built, 'query CountMe { health { status } }');
    await graphql(built, 'query CountMe { health { status } }');
    const { readiness } = built.ctx.health;
    built.ctx.health.readiness = async () => Promise.reject(new Error('readiness crashed at 10.0.0.7'));
    try {
      const failed = await graphql(built, 'query FailMe { health { status } }');
      expect(failed.errors).toEqual([{ message: 'Internal server error', locations: expect.any(Array), path: ['health'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
      expect(JSON.stringify(failed)).not.toContain('10.0.0.7');
    } finally {
      built.ctx.health.readiness = readiness;
    }
    await graphql(built, 'query Broken { nope }');
    const text = (await built.app.inject('/metrics')).body;
    expect(text).toMatch(/^graphql_operations_total\{operation="CountMe",type="query",outcome="ok"\} 2$/m);
    expect(text).toMatch(/^graphql_operations_total\{operation="FailMe",type="query",outcome="error"\} 1$/m);
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
      expect(codes(await graphql(production, '{ __type(name: "Health") { name } }'))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
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

describe('GraphQL endpoint with an authenticator that requires a principal', () => {
  let built: BuiltApp;
  beforeAll(async () => {
    built = await testApp({}, { modules: withFakeAuth(modules) });
  });
  afterAll(() => built.app.close());

  it('answers queries without a principal, and refuses a bad token with 401 before GraphQL runs', async () => {
    expect((await graphql(built, '{ health { status } }')).data).toEqual({ health: { status: 'pass' } });
    const bad = await built.app.inject({ method: 'POST', url: '/graphql', headers: { authorization: 'Bearer bad-token' }, payload: { query: '{ health { status } }' } });
    expect(bad.statusCode).toBe(401);
    expect(bad.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    expect(bad.json()).toEqual({ data: null, errors: [{ message: 'invalid token', extensions: { code: 'UNAUTHENTICATED' } }] });
  });
});
