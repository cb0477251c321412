// OpenAPI 3.1 document (from the route schemas) at /openapi.json and the docs UI at /docs.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

/** The document covers the REST routes only: probes, /metrics and other API styles' endpoints stay out. */
export async function registerOpenApi(
  app: FastifyInstance,
  info: { title: string; version: string; restPrefix: string; tags: { name: string; description: string }[] },
): Promise<void> {
  const { restPrefix, tags, ...documentInfo } = info;
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { ...documentInfo, description: 'Errors are RFC 9457 application/problem+json.' },
      tags,
    },
    transform: ({ schema, url }) => ({ schema: url.startsWith(`${restPrefix}/`) ? schema : { ...schema, hide: true }, url }),
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', async () => app.swagger());
}
