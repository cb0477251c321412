// One WebSocket server for every API style that upgrades connections; registered before the API modules
// (mercurius reuses it rather than registering its own). Every connection gets the same limits,
// heartbeat, metrics and logs (connections.ts), whatever protocol its endpoint speaks.
import fp from 'fastify-plugin';
import websocket from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { loadConfigFrom } from '../../core/config.js';
import type { AppModule, ModuleOptions } from '../../core/context.js';
import { closeAll, GOING_AWAY } from './close-all.js';
import { WebSocketConnections } from './connections.js';
import { envSpec } from './env.js';

export { CLOSE_CODES, GuardedConnection, type EndpointProtocol } from './guarded-connection.js';
export type { WebSocketConnections } from './connections.js';

/**
 * The app's WebSocket connections, which API modules declare their endpoint on. Read with getDecorator:
 * a class with private state cannot be merged into FastifyInstance (see docs/decisions.md).
 */
export const websocketConnections = (app: FastifyInstance): WebSocketConnections => app.getDecorator<WebSocketConnections>('websocketConnections');

export default {
  env: envSpec,
  plugin: fp<ModuleOptions>(
    async (app, { ctx }) => {
      const config = loadConfigFrom(envSpec, ctx.env);
      let shuttingDown = false;
      const connections = new WebSocketConnections(ctx.metrics, {
        limits: {
          messagesPerSecond: config.WS_MESSAGES_PER_SECOND,
          messageBurst: config.WS_MESSAGE_BURST,
          maxBufferedBytes: config.WS_MAX_BUFFERED_BYTES,
        },
        heartbeatMs: config.WS_HEARTBEAT_SECONDS * 1000,
        shuttingDown: () => shuttingDown,
      });
      app.decorate('websocketConnections', connections);

      await app.register(websocket, {
        // ws closes a connection sending more with 1009 without buffering the rest of the message.
        options: { maxPayload: config.WS_MAX_MESSAGE_BYTES },
        // ws has already answered a protocol error (e.g. 1009 for a too-big message) with a close frame.
        errorHandler(error, socket, request) {
          request.log.warn({ err: error }, 'websocket error');
          if (socket.readyState === socket.OPEN) socket.terminate();
        },
        // Before the HTTP server closes: it would wait for these sockets, which no HTTP timeout ends.
        async preClose() {
          shuttingDown = true;
          connections.stop();
          await closeAll(app.websocketServer.clients);
          app.websocketServer.close();
        },
      });

      // The upgrade's request (its log with the request id, its principal) for the socket it becomes.
      const upgrades = new WeakMap<IncomingMessage, FastifyRequest>();
      app.addHook('onRequest', async (request) => {
        if (request.headers.upgrade?.toLowerCase() === 'websocket') upgrades.set(request.raw, request);
      });
      app.websocketServer.on('connection', (socket, raw: IncomingMessage) => {
        const request = upgrades.get(raw);
        connections.accept(socket, request?.routeOptions.url ?? raw.url?.split('?')[0] ?? '', request, ctx.logger);
        // An upgrade completed while the sockets were being closed would hold the HTTP server open.
        if (shuttingDown) socket.close(GOING_AWAY, 'server shutting down');
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
    { name: 'transport-websocket' },
  ),
} satisfies AppModule;
