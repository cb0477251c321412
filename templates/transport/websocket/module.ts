import { defineModule } from '../../define.js';

// Internal: the one WebSocket server that the API styles upgrading connections share (WebSocket events,
// GraphQL subscriptions), brought in by api/websocket and api/graphql. Every connection, whatever its
// protocol, gets the limits below, the heartbeat, the websocket_* metrics and the 1001 on shutdown.
export default defineModule({
  id: 'transport/websocket',
  title: 'WebSocket server',
  dependencies: ['@fastify/websocket'],
  devDependencies: ['@types/ws'], // @fastify/websocket's types import `ws`
  env: [
    { name: 'WS_HEARTBEAT_SECONDS', type: 'integer', min: 1, default: 30, doc: 'Ping interval; a client that has not answered the previous ping by the next one is disconnected' },
    { name: 'WS_MAX_MESSAGE_BYTES', type: 'integer', min: 64, default: 16384, max: 1048576, doc: 'Largest client message accepted; bigger ones close the connection with 1009' },
    { name: 'WS_MESSAGES_PER_SECOND', type: 'integer', min: 1, default: 10, doc: 'Sustained client messages per second per connection (token bucket refill rate)' },
    { name: 'WS_MESSAGE_BURST', type: 'integer', min: 1, default: 20, doc: 'Client messages a connection may send at once (token bucket size)' },
    { name: 'WS_MAX_BUFFERED_BYTES', type: 'integer', min: 1024, default: 1048576, doc: 'Unsent bytes a connection may queue; a slower consumer is closed with 1013' },
  ],
  register: { name: 'transportWebsocket', from: './modules/transport-websocket/index.js' },
});
