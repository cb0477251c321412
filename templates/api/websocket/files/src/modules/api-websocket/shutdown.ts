import { CLOSE_CODES, type ClientConnection } from './connection.js';

const CLOSE_HANDSHAKE_MS = 2000;

/** 1001 (going away) to every client, then waits for the close handshakes; stragglers are cut off. */
export async function closeAll(connections: ReadonlySet<ClientConnection>): Promise<void> {
  await Promise.all(
    [...connections].map(
      (connection) =>
        new Promise<void>((resolve) => {
          if (connection.socket.readyState === connection.socket.CLOSED) return resolve();
          const timer = setTimeout(() => {
            connection.socket.terminate();
            resolve();
          }, CLOSE_HANDSHAKE_MS);
          connection.socket.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          connection.close(CLOSE_CODES.goingAway, 'server shutting down', 'shutdown');
        }),
    ),
  );
}
