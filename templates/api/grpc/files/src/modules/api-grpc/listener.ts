// Binding the gRPC server and draining it: tryShutdown lets running calls finish, forceShutdown ends the rest.
import { ServerCredentials, type Server } from '@grpc/grpc-js';
import type { FastifyBaseLogger } from 'fastify';

/** Plaintext HTTP/2: TLS is expected to end at the load balancer or mesh, as for the HTTP port. */
export function bindServer(server: Server, host: string, port: number): Promise<number> {
  const address = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  return new Promise((resolve, reject) => {
    server.bindAsync(address, ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound)));
  });
}

export function drainServer(server: Server, graceMs: number, log: FastifyBaseLogger): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      log.warn({ graceMs }, 'grpc calls still running after the drain time; cancelling them');
      server.forceShutdown();
      resolve();
    }, graceMs);
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
