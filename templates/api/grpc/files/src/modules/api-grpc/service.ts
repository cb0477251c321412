// A gRPC service the server binds: its proto, its full name, and its handlers, built once the app's
// services exist. Every resource has one (./resource-services.ts); a hand-written service can join them.
import type { handleServerStreamingCall, handleUnaryCall, UntypedServiceImplementation } from '@grpc/grpc-js';
import type { FastifyInstance } from 'fastify';
import type { CallAdapters, StreamHandler, UnaryHandler } from './call.js';
import type { WatchRegistry } from './watches.js';

/** The adapters of call.ts for one service: handlers named by their method, run through the interceptors. */
export interface ServiceCalls {
  unary<Request, Response>(method: string, handler: UnaryHandler<Request, Response>): handleUnaryCall<Request, Response>;
  serverStream<Request, Response>(method: string, handler: StreamHandler<Request, Response>): handleServerStreamingCall<Request, Response>;
}

export interface GrpcServiceContext {
  /** The app: its ports and the resources' services are its decorators. */
  app: FastifyInstance;
  calls: ServiceCalls;
  /** Keeps server streams that run until the client leaves, and ends them when the server stops. */
  watches: WatchRegistry;
}

export interface GrpcService {
  /** Its proto: a path under proto/ ("invoices/v1/invoices.proto"), or an absolute path. */
  proto: string;
  /** Its full name, e.g. "invoices.v1.InvoicesService": what health and reflection answer for. */
  name: string;
  handlers(context: GrpcServiceContext): Promise<UntypedServiceImplementation>;
}

export const serviceCalls = (adapters: CallAdapters, service: string): ServiceCalls => ({
  unary: (method, handler) => adapters.unary({ service, method, type: 'unary' }, handler),
  serverStream: (method, handler) => adapters.serverStream({ service, method, type: 'server_stream' }, handler),
});
