// One WebSocket connection as every protocol sees it: message rate, bounded send buffer, heartbeat
// state and why it ended. The protocol on top (our /ws events, graphql-ws) only reads and writes messages.
import type { WebSocket } from '@fastify/websocket';
import type { FastifyBaseLogger } from 'fastify';
import type { DisconnectReason, WebSocketMetrics } from './metrics.js';
import { TokenBucket } from './token-bucket.js';

export const CLOSE_CODES = { policyViolation: 1008, messageTooBig: 1009, tryAgainLater: 1013 } as const;

/** What every connection may do; message size is bounded by the server itself (ws maxPayload). */
export interface ConnectionLimits {
  messagesPerSecond: number;
  messageBurst: number;
  maxBufferedBytes: number;
}

/** How an endpoint's protocol reacts to what the shared limits do. */
export interface EndpointProtocol {
  /**
   * Told when a message over the rate was dropped, e.g. to answer it with an error. A client that keeps
   * sending a whole burst more is closed with 1008 either way. Without it, the first dropped message
   * closes the connection: a protocol that cannot tell the client would leave it waiting for a reply.
   */
  onRateLimited?(connection: GuardedConnection): void;
  /**
   * Sees each admitted message before the endpoint's handler; returns false to withhold it (having
   * answered or closed the connection). For handlers that belong to a library, e.g. graphql-ws in mercurius.
   */
  inspect?(text: string, isBinary: boolean, connection: GuardedConnection): boolean;
  /** The type label of an outgoing message the handler wrote itself. */
  typeOfSent?(text: string): string;
}

export class GuardedConnection {
  readonly openedAt = performance.now();
  /** Cleared when a ping goes out, set again by the pong. */
  answeredPing = true;
  received = 0;
  sent = 0;
  #reason: DisconnectReason | undefined;
  #dropped = 0;
  readonly #bucket: TokenBucket;
  /** The socket's own send: the one on the socket may be ours (see intercept in connections.ts). */
  readonly #write: WebSocket['send'];

  constructor(
    readonly socket: WebSocket,
    readonly endpoint: string,
    readonly log: FastifyBaseLogger,
    readonly metrics: WebSocketMetrics,
    readonly limits: ConnectionLimits,
    readonly protocol: EndpointProtocol,
  ) {
    this.#bucket = new TokenBucket(limits.messagesPerSecond, limits.messageBurst);
    this.#write = socket.send.bind(socket);
  }

  /** Why the connection ended: the first reason set by the server, else the client closed it. */
  get reason(): DisconnectReason {
    return this.#reason ?? 'client';
  }

  noteReason(reason: DisconnectReason): void {
    this.#reason ??= reason;
  }

  countReceived(type: string, outcome: 'ok' | 'error'): void {
    this.metrics.received.inc({ endpoint: this.endpoint, type, outcome });
  }

  /**
   * Takes one message from the client's budget: false when it is dropped. Size is bounded before this
   * by the server (ws closes with 1009 at WS_MAX_MESSAGE_BYTES without buffering the rest).
   */
  admit(): boolean {
    this.received += 1;
    if (this.#bucket.take()) {
      this.#dropped = 0;
      return true;
    }
    this.metrics.received.inc({ endpoint: this.endpoint, type: 'unparsed', outcome: 'rate_limited' });
    this.#dropped += 1;
    const tolerated = this.protocol.onRateLimited ? this.limits.messageBurst : 0;
    if (this.#dropped > tolerated) this.close(CLOSE_CODES.policyViolation, 'message rate limit exceeded', 'rate_limited');
    else this.protocol.onRateLimited?.(this);
    return false;
  }

  /** Queues a message; a client that leaves more than maxBufferedBytes unread is closed (1013). */
  send(type: string, data: string | Buffer, callback?: (error?: Error) => void, options: { binary?: boolean } = {}): void {
    if (this.socket.readyState !== this.socket.OPEN || this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      if (this.socket.readyState === this.socket.OPEN) this.close(CLOSE_CODES.tryAgainLater, 'slow consumer: send buffer full', 'slow_consumer');
      // A writer waiting for its message to go out (mercurius does) must not wait forever.
      callback?.(new Error('WebSocket is not open'));
      return;
    }
    this.#write(data, options, callback);
    this.sent += 1;
    this.metrics.sent.inc({ endpoint: this.endpoint, type });
  }

  close(code: number, reason: string, why: DisconnectReason): void {
    this.noteReason(why);
    this.socket.close(code, reason);
  }

  terminate(why: DisconnectReason): void {
    this.noteReason(why);
    this.socket.terminate();
  }
}
