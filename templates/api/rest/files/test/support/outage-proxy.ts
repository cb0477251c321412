// A TCP proxy in front of a real service (a database server) that a test can cut or stall and restore on
// the same port: an outage without touching the service itself.
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface OutageProxy {
  /** The target URL with the proxy's host and port (user, password, path and query kept). */
  url: string;
  /** Drops every connection and refuses new ones (connection refused). */
  cut(): Promise<void>;
  /** Keeps connections open but forwards nothing, and accepts new ones that never answer (a partition). */
  stall(): void;
  /** Forwards again on the same port; connections from a stall are dropped, as a partition would. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function outageProxy(target: string): Promise<OutageProxy> {
  const upstreamUrl = new URL(target);
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  let stalled = false;

  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const dropAll = () => {
    for (const socket of sockets) socket.destroy();
  };
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const next = createServer((client) => {
        track(client);
        if (stalled) return;
        const upstream = connect(Number(upstreamUrl.port || 5432), upstreamUrl.hostname);
        track(upstream);
        client.pipe(upstream).pipe(client);
      });
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => {
        port = (next.address() as { port: number }).port;
        server = next;
        resolve();
      });
    });
  const stopListening = () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve();
      server.close(() => resolve());
      server = undefined;
    });

  await listen();
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    async cut() {
      stalled = false;
      const closed = stopListening();
      dropAll();
      await closed;
    },
    stall() {
      stalled = true;
      for (const socket of sockets) {
        socket.unpipe();
        socket.pause();
      }
    },
    async restore() {
      if (stalled) {
        stalled = false;
        dropAll();
      }
      if (!server) await listen();
    },
    async close() {
      stalled = false;
      const closed = stopListening();
      dropAll();
      await closed;
    },
  };
}
