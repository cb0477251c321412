// One client connection: protocol replies, message rate, bounded send buffer, heartbeat state.
import type { WebSocket } from '@fastify/websocket';
import type { FastifyBaseLogger } from 'fastify';
import type { RawData } from 'ws';
import type { DisconnectReason, WebSocketMetrics } from './metrics.js';
import { encode, parseClientMessage, ProtocolError, type ServerMessage, type Topic } from './protocol.js';
import { TokenBucket } from './token-bucket.js';

export const CLOSE_CODES = { policyViolation: 1008, messageTooBig: 1009, tryAgainLater: 1013 } as const;

export interface ConnectionLimits {
  maxMessageBytes: number;
  messagesPerSecond: number;
  messageBurst: number;
  maxBufferedBytes: number;
}

const byteLength = (data: RawData): number => (Array.isArray(data) ? data.reduce((sum, part) => sum + part.length, 0) : data.byteLength);

export class ClientConnection {
  readonly topics = new Set<Topic>();
  readonly openedAt = performance.now();
  /** Cleared when a ping goes out, set again by the pong. */
  answeredPing = true;
  received = 0;
  sent = 0;
  #reason: DisconnectReason | undefined;
  #dropped = 0;
  readonly #bucket: TokenBucket;

  constructor(
    readonly socket: WebSocket,
    readonly log: FastifyBaseLogger,
    readonly metrics: WebSocketMetrics,
    readonly limits: ConnectionLimits,
  ) {
    this.#bucket = new TokenBucket(limits.messagesPerSecond, limits.messageBurst);
  }

  /** Why the connection ended: the first reason set by the server, else the client closed it. */
  get reason(): DisconnectReason {
    return this.#reason ?? 'client';
  }

  noteReason(reason: DisconnectReason): void {
    this.#reason ??= reason;
  }

  /** Queues an encoded message; a client that leaves more than maxBufferedBytes unread is closed. */
  sendEncoded(type: ServerMessage['type'], text: string): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      this.close(CLOSE_CODES.tryAgainLater, 'slow consumer: send buffer full', 'slow_consumer');
      return;
    }
    this.socket.send(text);
    this.sent += 1;
    this.metrics.sent.inc({ type });
  }

  send(message: ServerMessage): void {
    this.sendEncoded(message.type, encode(message));
  }

  close(code: number, reason: string, why: DisconnectReason): void {
    this.noteReason(why);
    this.socket.close(code, reason);
  }

  terminate(why: DisconnectReason): void {
    this.noteReason(why);
    this.socket.terminate();
  }

  receive(data: RawData, isBinary: boolean): void {
    this.received += 1;
    // The shared server bounds every message at 1 MiB; this endpoint allows less.
    if (byteLength(data) > this.limits.maxMessageBytes) {
      return this.close(CLOSE_CODES.messageTooBig, `message over ${this.limits.maxMessageBytes} bytes`, 'message_too_big');
    }
    if (!this.#bucket.take()) return this.#rateLimited();
    this.#dropped = 0;
    if (isBinary) return this.#reject(new ProtocolError('invalid_message', 'binary messages are not supported; send JSON text'));
    let message;
    try {
      message = parseClientMessage(data.toString());
    } catch (error) {
      if (error instanceof ProtocolError) return this.#reject(error);
      throw error;
    }
    this.metrics.received.inc({ type: message.type, outcome: 'ok' });
    const id = message.id === undefined ? {} : { id: message.id };
    switch (message.type) {
      case 'ping':
        return this.send({ type: 'pong', ...id });
      case 'subscribe':
        this.topics.add(message.topic);
        return this.send({ type: 'subscribed', topic: message.topic, ...id });
      case 'unsubscribe':
        this.topics.delete(message.topic);
        return this.send({ type: 'unsubscribed', topic: message.topic, ...id });
    }
  }

  #reject(error: ProtocolError): void {
    this.metrics.received.inc({ type: 'invalid', outcome: 'error' });
    this.send({ type: 'error', code: error.code, message: error.message, ...(error.id === undefined ? {} : { id: error.id }) });
  }

  /** Dropped messages get an error; a client that keeps sending a whole burst more is closed. */
  #rateLimited(): void {
    this.metrics.received.inc({ type: 'unparsed', outcome: 'rate_limited' });
    this.#dropped += 1;
    if (this.#dropped > this.limits.messageBurst) {
      this.close(CLOSE_CODES.policyViolation, 'message rate limit exceeded', 'rate_limited');
      return;
    }
    const rate = `${this.limits.messagesPerSecond} messages per second (bursts of ${this.limits.messageBurst})`;
    this.send({ type: 'error', code: 'rate_limited', message: `message dropped: more than ${rate}` });
  }
}
