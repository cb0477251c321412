import fp from 'fastify-plugin';
import { loadConfigFrom } from '../../core/config.js';
import type { AppModule, ModuleOptions } from '../../core/context.js';
import { routes, routeTags } from '../../routes/index.js';
import { envSpec } from './env.js';
import { registerOpenApi } from './openapi.js';
import { resourceRoutes, resourceTags } from './resource-routes.js';
import { registerStrictInput } from './strict-input.js';

const PREFIX = '/v1';

export default {
  env: envSpec,
  plugin: fp<ModuleOptions>(
    async (app, { ctx }) => {
      // The document describes the API to anyone who asks: in production only when asked for.
      const docs = loadConfigFrom(envSpec, ctx.env).REST_DOCS ?? ctx.config.NODE_ENV !== 'production';
      // Must be registered before the routes so their schemas are collected.
      if (docs) await registerOpenApi(app, { title: ctx.config.OTEL_SERVICE_NAME, version: '1.0.0', restPrefix: PREFIX, tags: [...resourceTags, ...routeTags] });
      await app.register(
        async (scope) => {
          registerStrictInput(scope);
          for (const register of [...resourceRoutes, ...routes]) await register(scope);
        },
        { prefix: PREFIX },
      );
    },
    { name: 'api-rest', dependencies: ['features'] },
  ),
} satisfies AppModule;
