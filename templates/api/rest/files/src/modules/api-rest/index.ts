import { defineModule } from '../../core/context.js';
import { notesRoutes } from './notes-routes.js';
import { registerOpenApi } from './openapi.js';

const PREFIX = '/v1';

export default defineModule({
  name: 'api-rest',
  kind: 'api',
  async register(app, ctx) {
    // Must be registered before the routes so their schemas are collected.
    await registerOpenApi(app, { title: ctx.config.OTEL_SERVICE_NAME, version: '1.0.0', restPrefix: PREFIX });
    await app.register(async (scope) => notesRoutes(scope, ctx), { prefix: PREFIX });
  },
});
