import type { GuardedConnection } from './guarded-connection.js';

/**
 * Pings every connection each interval; one that has not answered the previous ping is dead (a
 * vanished peer never sends a close frame) and is terminated. Browsers answer pings on their own.
 */
export function startHeartbeat(connections: Iterable<GuardedConnection>, intervalMs: number): { stop(): void } {
  const timer = setInterval(() => {
    for (const connection of connections) {
      if (!connection.answeredPing) {
        connection.terminate('heartbeat_timeout');
        continue;
      }
      connection.answeredPing = false;
      connection.socket.ping();
    }
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
