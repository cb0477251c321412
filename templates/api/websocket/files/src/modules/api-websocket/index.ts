// WebSocket API at /ws: protocol v1 (see protocol.ts and the README) over the notes feed.
import { loadConfigFrom } from '../../core/config.js';
import { defineModule } from '../../core/context.js';
import { notesFeed } from '../../features/notes/index.js';
import { isShuttingDown } from '../transport-websocket/index.js';
import { ClientConnection } from './connection.js';
import { envSpec } from './env.js';
import { startHeartbeat } from './heartbeat.js';
import { registerWebSocketMetrics } from './metrics.js';
import { encode } from './protocol.js';

export const WEBSOCKET_PATH = '/ws';

export default defineModule({
  name: 'api-websocket',
  kind: 'api',
  env: envSpec,
  async register(app, ctx) {
    const config = loadConfigFrom(envSpec, ctx.env);
    const connections = new Set<ClientConnection>();
    const metrics = registerWebSocketMetrics(ctx.metrics, () => connections.size);
    const limits = {
      maxMessageBytes: config.WS_MAX_MESSAGE_BYTES,
      messagesPerSecond: config.WS_MESSAGES_PER_SECOND,
      messageBurst: config.WS_MESSAGE_BURST,
      maxBufferedBytes: config.WS_MAX_BUFFERED_BYTES,
    };
    const heartbeat = startHeartbeat(connections, config.WS_HEARTBEAT_SECONDS * 1000);

    app.addHook('preClose', () => heartbeat.stop());

    const feed = await notesFeed(ctx);
    const unsubscribe = feed.subscribe((change) => {
      const text = encode({ type: 'event', topic: 'notes', ...change });
      for (const connection of connections) if (connection.topics.has('notes')) connection.sendEncoded('event', text);
    });
    ctx.onClose(unsubscribe);

    // The core hooks ran on the upgrade request: invalid credentials got a 401 and a client over the
    // HTTP rate limit a 429 before any upgrade. Reads are open, so no token means an anonymous reader.
    app.get(WEBSOCKET_PATH, { websocket: true }, (socket, request) => {
      const log = request.log.child({ component: 'websocket' });
      const connection = new ClientConnection(socket, log, metrics, limits);
      connections.add(connection);
      log.info({ principal: request.principal?.subject, remote_ip: request.ip, user_agent: request.headers['user-agent'] }, 'websocket connected');

      socket.on('message', (data, isBinary) => connection.receive(data, isBinary));
      socket.on('pong', () => (connection.answeredPing = true));
      socket.on('error', (error: Error & { code?: string }) =>
        connection.noteReason(error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? 'message_too_big' : 'error'),
      );
      socket.on('close', (code, reason) => {
        connections.delete(connection);
        if (isShuttingDown(app)) connection.noteReason('shutdown'); // the WebSocket server said 1001
        metrics.disconnects.inc({ reason: connection.reason });
        log.info(
          {
            code,
            close_reason: reason.toString(),
            reason: connection.reason,
            duration_ms: Math.round(performance.now() - connection.openedAt),
            messages_received: connection.received,
            messages_sent: connection.sent,
          },
          'websocket closed',
        );
      });
    });
  },
});
