import { defineModule } from '../../define.js';

export default defineModule({
  id: 'api/graphql',
  title: 'GraphQL API',
  // Subscriptions upgrade on the shared WebSocket server (mercurius reuses it).
  requires: ['transport/websocket'],
  dependencies: ['graphql', 'mercurius'],
  devDependencies: ['graphql-ws', 'ws'], // the tests subscribe with the graphql-ws client over `ws`
  fills: 'api',
  env: [
    { name: 'GRAPHQL_MAX_DEPTH', type: 'integer', min: 1, default: 8, doc: 'Deepest field nesting an operation may have' },
    { name: 'GRAPHQL_MAX_COMPLEXITY', type: 'integer', min: 1, default: 1000, doc: 'Highest estimated cost of an operation (one per field, times the page size inside connections)' },
    { name: 'GRAPHQL_MAX_TOKENS', type: 'integer', min: 100, default: 5000, doc: 'Most tokens a document may have; bounds parsing and validation before the cost is known' },
    { name: 'GRAPHQL_MAX_SUBSCRIPTIONS', type: 'integer', min: 1, default: 10, doc: 'Active subscriptions one graphql-ws connection may hold' },
    {
      name: 'GRAPHQL_INTROSPECTION',
      type: 'boolean',
      doc: 'Answer introspection queries (__schema, __type) and serve GraphiQL (/graphiql); unset = introspection on in development and test, off in production, GraphiQL in development only',
    },
  ],
  register: { name: 'apiGraphql', from: './modules/api-graphql/index.js' },
});
