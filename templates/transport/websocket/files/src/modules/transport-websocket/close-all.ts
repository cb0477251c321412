import type { WebSocket } from '@fastify/websocket';

export const GOING_AWAY = 1001;
const CLOSE_HANDSHAKE_MS = 2000;

/** 1001 (going away) to every client, then waits for the close handshakes; stragglers are cut off. */
export async function closeAll(clients: Iterable<WebSocket>): Promise<void> {
  await Promise.all(
    [...clients].map(
      (socket) =>
        new Promise<void>((resolve) => {
          if (socket.readyState === socket.CLOSED) return resolve();
          const timer = setTimeout(() => {
            socket.terminate();
            resolve();
          }, CLOSE_HANDSHAKE_MS);
          socket.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          if (socket.readyState === socket.OPEN) socket.close(GOING_AWAY, 'server shutting down');
        }),
    ),
  );
}
