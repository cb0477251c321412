import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import { modules } from '../src/modules.js';
import { testApp } from './support/app.js';
import { probeRoutes } from './support/probe-routes.js';

describe('errors are RFC 9457 problem+json', () => {
  let built: BuiltApp;
  beforeAll(async () => {
    built = await testApp({ BODY_LIMIT_BYTES: '200' }, { modules: [...modules, probeRoutes] });
  });
  afterAll(() => built.app.close());

  const expectProblem = (res: { headers: Record<string, unknown>; json(): any }, status: number) => {
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ type: 'about:blank', status, title: expect.any(String) });
  };

  it('404 for an unknown route', async () => {
    const res = await built.app.inject('/no/such/route?x=1');
    expect(res.statusCode).toBe(404);
    expectProblem(res, 404);
    expect(res.json().instance).toBe('/no/such/route');
  });

  it('400 for a validation failure, with the failing fields', async () => {
    const res = await built.app.inject({ method: 'POST', url: '/probe/items', payload: { body: 'no title' } });
    expect(res.statusCode).toBe(400);
    expectProblem(res, 400);
    expect(res.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ location: 'body' })]));
  });

  it('400 for malformed JSON', async () => {
    const res = await built.app.inject({ method: 'POST', url: '/probe/items', headers: { 'content-type': 'application/json' }, payload: '{"title":' });
    expect(res.statusCode).toBe(400);
    expectProblem(res, 400);
  });

  it('413 for a body over BODY_LIMIT_BYTES', async () => {
    const res = await built.app.inject({ method: 'POST', url: '/probe/items', payload: { title: 'x', body: 'y'.repeat(500) } });
    expect(res.statusCode).toBe(413);
    expectProblem(res, 413);
  });

  it('415 for an unsupported media type', async () => {
    const res = await built.app.inject({ method: 'POST', url: '/probe/items', headers: { 'content-type': 'text/csv' }, payload: 'a,b' });
    expect(res.statusCode).toBe(415);
    expectProblem(res, 415);
  });

  it('400 for a URL the router cannot decode, as problem+json instead of Fastify\'s own JSON', async () => {
    const res = await built.app.inject('/probe/items/%zz?token=abc');
    expect(res.statusCode).toBe(400);
    expectProblem(res, 400);
    expect(res.headers['x-request-id']).toBe(res.json().requestId);
  });

  it('400 for an empty JSON body', async () => {
    const res = await built.app.inject({ method: 'POST', url: '/probe/items', headers: { 'content-type': 'application/json' }, payload: '' });
    expect(res.statusCode).toBe(400);
    expectProblem(res, 400);
  });

  it.each([
    ['statusCode', '/probe/plugin-client-error', 409],
    ['status (http-errors)', '/probe/http-errors-client-error', 410],
  ])('keeps the client-error status a plugin sets as %s', async (_label, url, status) => {
    const res = await built.app.inject(url);
    expect(res.statusCode).toBe(status);
    expectProblem(res, status);
  });

  it('500 without leaking the message or stack', async () => {
    const res = await built.app.inject('/probe/boom');
    expect(res.statusCode).toBe(500);
    expectProblem(res, 500);
    expect(res.body).not.toContain('hunter2');
    expect(res.body).not.toContain('at ');
  });
});
