// One gRPC call as interceptors see it, the chain that runs them around a handler, and the adapters
// that turn such handlers into grpc-js unary and server-streaming handlers.
import { Metadata, status, type handleServerStreamingCall, type handleUnaryCall, type ServerUnaryCall, type ServerWritableStream } from '@grpc/grpc-js';
import type { FastifyBaseLogger } from 'fastify';
import { acceptRequestId, REQUEST_ID_HEADER } from '../../core/logger.js';
import type { Principal } from '../../core/ports.js';
import { GrpcError, statusOf, type CallStatus } from './errors.js';

export type RpcType = 'unary' | 'server_stream';

export interface Rpc {
  service: string; // e.g. invoices.v1.InvoicesService
  method: string; // e.g. Get
  type: RpcType;
}

export interface CallContext {
  readonly rpc: Rpc;
  readonly requestId: string;
  /** What the client sent (authorization, traceparent, x-request-id, ...). */
  readonly metadata: Metadata;
  /** The client's address, without the port (behind a trusted proxy, the one it forwarded). */
  readonly ip: string;
  /** Aborted when the client cancels or its deadline passes: stop working for it. */
  readonly signal: AbortSignal;
  /** Sent with the final status, whatever it is (e.g. the rate-limit fields). */
  readonly trailers: Metadata;
  readonly log: FastifyBaseLogger;
  principal?: Principal;
  /**
   * Sends the response headers (x-request-id) once. The adapters send them with the response; a stream
   * sends them as soon as it is established, so a client seeing them knows it will get what comes next.
   */
  sendHeaders(): void;
}

/** Runs around the rest of the chain; throw (a GrpcError, an HttpProblem) to end the call with a status. */
export type Interceptor = (call: CallContext, next: () => Promise<void>) => Promise<void>;

const deadlineMillis = (deadline: Date | number): number => (deadline instanceof Date ? deadline.getTime() : deadline);

/**
 * Whether a cancellation at `now` is the client's deadline passing. The client counts its timeout from
 * before it sent the call and we count ours from when its headers arrived, so its timer fires first and
 * its RST_STREAM can reach us before our own deadline: a cancellation in the last quarter of the
 * timeout (at most the last second) is taken as the deadline.
 */
export function isDeadlineCancellation(now: number, openedAt: number, deadline: number): boolean {
  const slack = Math.min(1000, (deadline - openedAt) / 4);
  return now >= deadline - slack;
}

/** The client's own end of the call: its deadline passed, or it cancelled. */
export function cancellationOf(call: CallContext): GrpcError {
  return call.signal.reason === 'deadline'
    ? new GrpcError(status.DEADLINE_EXCEEDED, 'Deadline exceeded')
    : new GrpcError(status.CANCELLED, 'Cancelled by the client');
}

/**
 * Runs the rest of the chain, then `settle` with the status the client saw (undefined: OK); rethrows.
 * The client's own cancellation wins over whatever the handler did after it.
 */
export async function settled(call: CallContext, next: () => Promise<void>, settle: (outcome: CallStatus | undefined) => void): Promise<void> {
  let outcome: CallStatus | undefined;
  try {
    await next();
  } catch (error) {
    outcome = statusOf(error);
    throw error;
  } finally {
    settle(call.signal.aborted ? statusOf(cancellationOf(call)) : outcome);
  }
}

export interface CallOptions {
  /** TRUST_PROXY: take the client's address from x-forwarded-for, as the HTTP server does. */
  trustProxy: boolean;
}

/** What unary and streaming calls have in common (grpc-js does not export its own name for it). */
type SurfaceCall = Pick<ServerUnaryCall<unknown, unknown>, 'on' | 'getDeadline' | 'getPeer' | 'metadata' | 'sendMetadata'>;

function clientIpOf(call: SurfaceCall, { trustProxy }: CallOptions): string {
  // Trusting every hop, as Fastify does with trustProxy: true, makes the client the first address listed.
  const forwarded = trustProxy ? String(call.metadata.get('x-forwarded-for')[0] ?? '').split(',')[0]!.trim() : '';
  if (forwarded) return forwarded;
  // grpc-js reports peers as "address:port" (IPv6 without brackets).
  const peer = call.getPeer();
  return peer.slice(0, Math.max(0, peer.lastIndexOf(':'))) || peer;
}

function openCall(rpc: Rpc, call: SurfaceCall, logger: FastifyBaseLogger, options: CallOptions): CallContext {
  const controller = new AbortController();
  const openedAt = Date.now();
  const deadline = deadlineMillis(call.getDeadline());
  call.on('cancelled', () => controller.abort(isDeadlineCancellation(Date.now(), openedAt, deadline) ? 'deadline' : 'cancelled'));
  const requestId = acceptRequestId(call.metadata.get(REQUEST_ID_HEADER)[0]);
  let headersSent = false;
  const sendHeaders = () => {
    if (headersSent || controller.signal.aborted) return;
    headersSent = true;
    const headers = new Metadata();
    headers.set(REQUEST_ID_HEADER, requestId);
    call.sendMetadata(headers);
  };
  const log = logger.child({ request_id: requestId });
  return { rpc, requestId, metadata: call.metadata, ip: clientIpOf(call, options), signal: controller.signal, trailers: new Metadata(), log, sendHeaders };
}

/** Interceptors in order, then the handler; a call whose client is gone goes no further. */
export function runInterceptors(interceptors: readonly Interceptor[], call: CallContext, handler: () => Promise<void>): Promise<void> {
  const dispatch = async (index: number): Promise<void> => {
    if (index > 0 && call.signal.aborted) throw cancellationOf(call);
    const interceptor = interceptors[index];
    return interceptor ? interceptor(call, () => dispatch(index + 1)) : handler();
  };
  return dispatch(0);
}

function serviceError(error: unknown, call: CallContext): { code: status; details: string; metadata: Metadata } {
  const { code, details, metadata } = statusOf(error);
  metadata.merge(call.trailers);
  return { code, details, metadata };
}

export type UnaryHandler<Request, Response> = (request: Request, call: CallContext) => Promise<Response>;
export type StreamHandler<Request, Response> = (request: Request, call: CallContext, stream: ServerWritableStream<Request, Response>) => Promise<void>;

export interface CallAdapters {
  unary<Request, Response>(rpc: Rpc, handler: UnaryHandler<Request, Response>): handleUnaryCall<Request, Response>;
  serverStream<Request, Response>(rpc: Rpc, handler: StreamHandler<Request, Response>): handleServerStreamingCall<Request, Response>;
}

export function callAdapters(interceptors: readonly Interceptor[], logger: FastifyBaseLogger, options: CallOptions): CallAdapters {
  return {
    unary: (rpc, handler) => (serverCall, callback) => {
      const call = openCall(rpc, serverCall, logger, options);
      let response: Parameters<typeof callback>[1];
      runInterceptors(interceptors, call, async () => {
        response = await handler(serverCall.request, call);
      }).then(
        () => {
          call.sendHeaders();
          callback(null, response, call.trailers);
        },
        (error: unknown) => {
          call.sendHeaders();
          callback(serviceError(error, call));
        },
      );
    },
    serverStream: (rpc, handler) => (serverCall) => {
      const call = openCall(rpc, serverCall, logger, options);
      runInterceptors(interceptors, call, () => handler(serverCall.request, call, serverCall)).then(
        () => {
          call.sendHeaders();
          serverCall.end(call.trailers);
        },
        (error: unknown) => {
          if (call.signal.aborted) return;
          call.sendHeaders();
          serverCall.emit('error', serviceError(error, call));
        },
      );
    },
  };
}
