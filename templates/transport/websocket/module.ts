import { defineModule } from '../../define.js';

// Internal: the one WebSocket server that the API styles upgrading connections share (WebSocket events,
// GraphQL subscriptions), brought in by api/websocket and api/graphql.
export default defineModule({
  id: 'transport/websocket',
  title: 'WebSocket server',
  dependencies: ['@fastify/websocket'],
  devDependencies: ['@types/ws'], // @fastify/websocket's types import `ws`
  register: { name: 'transportWebsocket', from: './modules/transport-websocket/index.js' },
});
