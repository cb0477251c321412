// WebSocket API at /ws: protocol v1 (see protocol.ts and the README), one topic per resource
// (resource-topics.ts), each streaming its resource's feed.
import fp from 'fastify-plugin';
import type { AppModule, ModuleOptions } from '../../core/context.js';
import { websocketConnections } from '../transport-websocket/index.js';
import { ClientConnection } from './connection.js';
import { encode } from './protocol.js';
import { resourceTopics } from './resource-topics.js';
import type { WebSocketTopic } from './topics.js';

export type { WebSocketTopic } from './topics.js';

export const WEBSOCKET_PATH = '/ws';

/** The endpoint over the given topics. The app's (the default export) has every resource's. */
export function websocketApi(topics: readonly WebSocketTopic[]): AppModule {
  const names = topics.map((topic) => topic.name);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice !== undefined) throw new Error(`WebSocket topic "${twice}" is declared twice`);

  return {
    plugin: fp<ModuleOptions>(
      async (app) => {
        const connections = websocketConnections(app);
        const { messagesPerSecond, messageBurst } = connections.limits;
        const rate = `${messagesPerSecond} messages per second (bursts of ${messageBurst})`;
        // A dropped message is answered, so the client knows; one that keeps flooding is closed (1008).
        connections.declare(WEBSOCKET_PATH, {
          onRateLimited: (guarded) => guarded.send('error', encode({ type: 'error', code: 'rate_limited', message: `message dropped: more than ${rate}` })),
        });
        const clients = new Set<ClientConnection>();

        for (const topic of topics) {
          const feed = await topic.feed(app);
          // Until the app closes, which closes the feeds (src/core/resources/resource-feed.ts).
          feed.subscribe((change) => {
            const text = encode({ type: 'event', topic: topic.name, ...change }); // once for every subscriber
            for (const client of clients) if (client.topics.has(topic.name)) client.sendEncoded('event', text);
          });
        }

        // The core hooks ran on the upgrade request: invalid credentials got a 401 and a client over the
        // HTTP rate limit a 429 before any upgrade. Reads are open, so no token means an anonymous reader.
        app.get(WEBSOCKET_PATH, { websocket: true }, (socket) => {
          const guarded = connections.of(socket);
          if (!guarded) return socket.terminate(); // never: the transport accepts every socket first
          const client = new ClientConnection(guarded, names);
          clients.add(client);
          socket.on('message', (data, isBinary) => client.receive(data, isBinary));
          socket.on('close', () => clients.delete(client));
        });
      },
      { name: 'api-websocket', dependencies: ['features', 'transport-websocket'] },
    ),
  };
}

export default websocketApi(resourceTopics);
