// GraphQL API at /graphql (mercurius): Query.health, and every resource's queries, mutations and
// `<singular>Created` subscription (graphql-ws), from resource-schemas.ts.
import fp from 'fastify-plugin';
import type { WebSocket } from '@fastify/websocket';
import type { ValidationRule } from 'graphql';
import mercurius, { type IResolvers } from 'mercurius';
import { loadConfigFrom } from '../../core/config.js';
import type { AppModule, ModuleOptions } from '../../core/context.js';
import { HttpProblem } from '../../core/errors.js';
import { websocketConnections } from '../transport-websocket/index.js';
import { complexityLimit } from './complexity.js';
import { requestContext } from './context.js';
import { envSpec } from './env.js';
import { clientErrorStatus, formatErrors } from './errors.js';
import { GraphQLError, NoSchemaIntrospectionCustomRule, specifiedRules, validate } from './graphql-runtime.js';
import { graphqlWsProtocol } from './graphql-ws-protocol.js';
import { healthResolvers } from './health.js';
import { operationObserver, operationOf } from './observability.js';
import { BadGraphQLRequest, checkGraphQLRequest } from './request-shape.js';
import { resourceSchemas } from './resource-schemas.js';
import { schemaOf } from './schema.js';
import { slotsPerSocket } from './subscription-slots.js';

export const GRAPHQL_PATH = '/graphql';

const operationNameOf = (body: unknown): string | undefined => {
  const name = (body as { operationName?: unknown } | null | undefined)?.operationName;
  return typeof name === 'string' ? name : undefined;
};

/** One resolver map from several: each adds its own fields to Query, Mutation, Subscription and its types. */
function mergeResolvers(all: readonly IResolvers[]): IResolvers {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const resolvers of all) {
    for (const [type, fields] of Object.entries(resolvers)) merged[type] = { ...merged[type], ...(fields as Record<string, unknown>) };
  }
  return merged as IResolvers;
}

export default {
  env: envSpec,
  plugin: fp<ModuleOptions>(
    async (app, { ctx }) => {
      const config = loadConfigFrom(envSpec, ctx.env);
      const resources = await Promise.all(resourceSchemas.map((resource) => resource.resolvers(app)));
      const observer = operationObserver(ctx.metrics);
      // The schema describes the API to anyone who asks: in production only when asked for.
      const introspection = config.GRAPHQL_INTROSPECTION ?? ctx.config.NODE_ENV !== 'production';
      const validationRules: ValidationRule[] = [complexityLimit(config.GRAPHQL_MAX_COMPLEXITY), ...(introspection ? [] : [NoSchemaIntrospectionCustomRule])];
      const slotsOf = slotsPerSocket(config.GRAPHQL_MAX_SUBSCRIPTIONS);
      // graphql-ws connections get the shared limits (rate, size, send buffer, heartbeat) and its protocol checks.
      websocketConnections(app).declare(GRAPHQL_PATH, graphqlWsProtocol());

      await app.register(mercurius, {
        schema: schemaOf(resourceSchemas.map((resource) => resource.typeDefs)),
        resolvers: mergeResolvers([healthResolvers(ctx), ...resources]),
        path: GRAPHQL_PATH,
        graphiql: config.GRAPHQL_INTROSPECTION ?? ctx.config.NODE_ENV === 'development',
        queryDepth: config.GRAPHQL_MAX_DEPTH,
        validationRules,
        // Bounds the parser and the validation rules (some are quadratic in repeated fields) before the cost is known.
        graphql: { parseOptions: { maxTokens: config.GRAPHQL_MAX_TOKENS } },
        additionalRouteOptions: { preValidation: async (request) => checkGraphQLRequest(request) },
        context: (request) => requestContext(request),
        subscription: {
          context: (socket: WebSocket, request) => ({ ...requestContext(request), subscriptions: slotsOf(socket) }),
        },
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

      // mercurius runs neither the validation rules nor the cost limit on subscriptions: run them here, and
      // refuse a subscription over the per-connection limit before it starts (the resolver enforces it).
      app.graphql.addHook('preSubscriptionExecution', async (subscriptionSchema, document, context) => {
        const [invalid] = validate(subscriptionSchema, document, [...specifiedRules, ...validationRules]);
        if (invalid) throw invalid;
        if (context.subscriptions?.full) throw context.subscriptions.refusal();
      });
      // Over HTTP, a subscription would run once with nothing to resolve: it is graphql-ws only.
      app.graphql.addHook('preExecution', async (_schema, document, context) => {
        const operation = operationOf(document, operationNameOf(context.reply?.request.body));
        if (operation?.operation === 'subscription') throw new BadGraphQLRequest(`Subscriptions are served over graphql-ws: open a WebSocket to ${GRAPHQL_PATH}`);
      });
      app.graphql.addHook('preExecution', async (_schema, document, context) => {
        observer.started(document, operationNameOf(context.reply?.request.body), context);
      });
      app.graphql.addHook('onResolution', async (execution, context) => {
        observer.finished(context, Boolean(execution.errors?.length));
      });
    },
    { name: 'api-graphql', dependencies: ['features', 'transport-websocket'] },
  ),
} satisfies AppModule;
