// GraphQL API at /graphql (mercurius): queries, mutations and the noteCreated subscription (graphql-ws).
import type { FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import mercurius from 'mercurius';
import { loadConfigFrom } from '../../core/config.js';
import { defineModule } from '../../core/context.js';
import { HttpProblem } from '../../core/errors.js';
import { notesFeed } from '../../features/notes/index.js';
import { complexityLimit } from './complexity.js';
import { envSpec } from './env.js';
import { clientErrorStatus, formatErrors } from './errors.js';
import { operationObserver } from './observability.js';
import { notesResolvers } from './resolvers.js';
import { schema } from './schema.js';

export const GRAPHQL_PATH = '/graphql';

const operationNameOf = (body: unknown): string | undefined => {
  const name = (body as { operationName?: unknown } | null | undefined)?.operationName;
  return typeof name === 'string' ? name : undefined;
};

export default defineModule({
  name: 'api-graphql',
  kind: 'api',
  env: envSpec,
  async register(app, ctx) {
    const config = loadConfigFrom(envSpec, ctx.env);
    const feed = await notesFeed(ctx);
    const observer = operationObserver(ctx.metrics);
    // The core's hooks ran on the request (or the subscription's upgrade): the principal is already known.
    const requestContext = (request: FastifyRequest) => ({ principal: request.principal });

    await app.register(mercurius, {
      schema,
      resolvers: notesResolvers(app.notesService, feed, () => ctx.ports.authenticator),
      path: GRAPHQL_PATH,
      graphiql: ctx.config.NODE_ENV === 'development',
      queryDepth: config.GRAPHQL_MAX_DEPTH,
      validationRules: [complexityLimit(config.GRAPHQL_MAX_COMPLEXITY)],
      context: (request) => requestContext(request),
      subscription: { context: (_socket, request) => requestContext(request) },
      errorFormatter: (execution, context) => {
        const request = context.reply?.request;
        const { rejected, ...formatted } = formatErrors(execution.errors, execution.data, request?.log ?? ctx.logger);
        if (rejected) observer.rejected(operationNameOf(request?.body));
        return formatted;
      },
      // Failures outside execution: a core hook refusing the request (a bad token: 401 with its
      // WWW-Authenticate), an unreadable body, or a document rejected before it ran. A GraphQL body either way.
      errorHandler: (error, request, reply) => {
        const { rejected, statusCode, response } = formatErrors([new GraphQLError(error.message, { originalError: error })], undefined, request.log);
        if (rejected) observer.rejected(operationNameOf(request.body));
        if (error instanceof HttpProblem && error.options.headers) reply.headers(error.options.headers);
        reply.code(clientErrorStatus(error) ?? statusCode).send(response);
      },
    });

    app.graphql.addHook('preExecution', async (_schema, document, context) => {
      observer.started(document, operationNameOf(context.reply?.request.body), context);
    });
    app.graphql.addHook('onResolution', async (execution, context) => {
      observer.finished(context, Boolean(execution.errors?.length));
    });
  },
});
