// Test-only routes for the core's own tests (errors, logs, metrics, traces, rate limits), so they pass
// whichever API styles the project has: none of them needs the REST module.
import { HttpProblem } from '../../src/core/errors.js';
import { testModule } from './modules.js';

/** Shaped like drizzle-orm's query error: the bound values (user data) in the message and a property. */
class QueryFailure extends Error {
  readonly params = ['secret-title-from-the-request'];
  constructor() {
    super('Failed query: insert into "notes" ("title") values ($1)\nparams: secret-title-from-the-request');
  }
}

export const probeRoutes = testModule('probe-routes', (app) => {
  app.get<{ Params: { id: string } }>('/probe/items/:id', async (request) => {
    if (request.params.id === 'missing') throw new HttpProblem(404, 'No such item.');
    return { id: request.params.id };
  });
  app.post(
    '/probe/items',
    { schema: { body: { type: 'object', required: ['title'], properties: { title: { type: 'string' }, body: { type: 'string' } } } } },
    async (request, reply) => reply.code(201).send(request.body),
  );
  app.get('/probe/boom', async () => {
    throw new Error('database password is hunter2');
  });
  app.post('/probe/query-failure', async () => {
    throw new QueryFailure();
  });
  // Client errors as plugins throw them: Fastify's `statusCode`, http-errors' `status`.
  app.get('/probe/plugin-client-error', async () => {
    throw Object.assign(new Error('Conflicting plugin state'), { statusCode: 409, code: 'PLUGIN_CONFLICT' });
  });
  app.get('/probe/http-errors-client-error', async () => {
    throw Object.assign(new Error('Gone for good'), { status: 410, expose: true });
  });
  // Answers when the connection closes: for connection timeouts.
  app.get('/probe/stall', (request) => new Promise((resolve) => request.raw.socket.once('close', () => resolve({ closed: true }))));
});
