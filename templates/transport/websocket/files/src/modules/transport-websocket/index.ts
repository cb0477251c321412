// One WebSocket server for every API style that upgrades connections; registered before the API modules
// (mercurius reuses it rather than registering its own).
import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import { defineModule } from '../../core/context.js';
import { closeAll, GOING_AWAY } from './close-all.js';

/** Upper bound for one message on any WebSocket endpoint; each endpoint may allow less. */
export const MAX_MESSAGE_BYTES = 1_048_576;

const shuttingDown = new WeakSet<FastifyInstance>();

/** True once the app has started closing every WebSocket with 1001 (going away). */
export const isShuttingDown = (app: FastifyInstance): boolean => shuttingDown.has(app);

export default defineModule({
  name: 'transport-websocket',
  kind: 'infra',
  async register(app) {
    await app.register(websocket, {
      options: { maxPayload: MAX_MESSAGE_BYTES },
      // ws has already answered a protocol error (e.g. 1009 for a too-big message) with a close frame.
      errorHandler(error, socket, request) {
        request.log.warn({ err: error }, 'websocket error');
        if (socket.readyState === socket.OPEN) socket.terminate();
      },
      // Before the HTTP server closes: it would wait for these sockets, which no HTTP timeout ends.
      async preClose() {
        shuttingDown.add(app);
        await closeAll(app.websocketServer.clients);
        app.websocketServer.close();
      },
    });

    // An upgrade completed while the sockets were being closed would hold the HTTP server open.
    app.websocketServer.on('connection', (socket) => {
      if (shuttingDown.has(app)) socket.close(GOING_AWAY, 'server shutting down');
    });

    // An upgrade refused by a core hook (401, 429) never reaches @fastify/websocket's own onRequest
    // hook, so the plugin does not know the socket is detached from HTTP and never closes it: close it
    // here once the refusal is written, or every refused upgrade leaks a socket (and blocks app.close).
    app.addHook('onResponse', async (request) => {
      if (request.headers.upgrade?.toLowerCase() !== 'websocket') return;
      const socket = request.raw.socket;
      if (!socket.destroyed) socket.end(() => socket.destroy());
    });
  },
});
