import { defineModule } from '../../define.js';

export default defineModule({
  id: 'api/rest',
  title: 'REST API',
  dependencies: ['@fastify/swagger', '@fastify/swagger-ui', '@fastify/type-provider-typebox', 'typebox'],
  fills: 'api',
  register: { name: 'apiRest', from: './modules/api-rest/index.js' },
});
