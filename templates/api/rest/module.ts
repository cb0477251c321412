import { defineModule } from '../../define.js';

export default defineModule({
  id: 'api/rest',
  title: 'REST API',
  dependencies: ['@fastify/swagger', '@fastify/swagger-ui', '@fastify/type-provider-typebox', 'typebox'],
  fills: 'api',
  env: [
    {
      name: 'REST_DOCS',
      type: 'boolean',
      doc: 'Serve the OpenAPI document (/openapi.json) and the docs UI (/docs); unset = on in development and test, off in production',
    },
  ],
  register: { name: 'apiRest', from: './modules/api-rest/index.js' },
});
