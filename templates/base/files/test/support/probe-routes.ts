// Test-only routes for the core's own tests (errors, logs, metrics, traces, rate limits), so they pass
// whichever API styles the project has: none of them needs the REST module.
import { defineModule } from '../../src/core/context.js';
import { HttpProblem } from '../../src/core/errors.js';

export const probeRoutes = defineModule({
  name: 'probe-routes',
  kind: 'api',
  register(app) {
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
  },
});
