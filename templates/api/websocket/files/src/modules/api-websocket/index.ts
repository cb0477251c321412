// WebSocket API at /ws: protocol v1 (see protocol.ts and the README) over the notes feed.
import { defineModule } from '../../core/context.js';
import { notesFeed } from '../../features/notes/index.js';
import { websocketConnections } from '../transport-websocket/index.js';
import { ClientConnection } from './connection.js';
import { encode } from './protocol.js';

export const WEBSOCKET_PATH = '/ws';

export default defineModule({
  name: 'api-websocket',
  kind: 'api',
  async register(app, ctx) {
    const connections = websocketConnections(app);
    const { messagesPerSecond, messageBurst } = connections.limits;
    const rate = `${messagesPerSecond} messages per second (bursts of ${messageBurst})`;
    // A dropped message is answered, so the client knows; one that keeps flooding is closed (1008).
    connections.declare(WEBSOCKET_PATH, {
      onRateLimited: (guarded) => guarded.send('error', encode({ type: 'error', code: 'rate_limited', message: `message dropped: more than ${rate}` })),
    });
    const clients = new Set<ClientConnection>();

    const feed = await notesFeed(ctx);
    const unsubscribe = feed.subscribe((change) => {
      const text = encode({ type: 'event', topic: 'notes', ...change });
      for (const client of clients) if (client.topics.has('notes')) client.sendEncoded('event', text);
    });
    ctx.onClose(unsubscribe);

    // The core hooks ran on the upgrade request: invalid credentials got a 401 and a client over the
    // HTTP rate limit a 429 before any upgrade. Reads are open, so no token means an anonymous reader.
    app.get(WEBSOCKET_PATH, { websocket: true }, (socket) => {
      const guarded = connections.of(socket);
      if (!guarded) return socket.terminate(); // never: the transport accepts every socket first
      const client = new ClientConnection(guarded);
      clients.add(client);
      socket.on('message', (data, isBinary) => client.receive(data, isBinary));
      socket.on('close', () => clients.delete(client));
    });
  },
});
