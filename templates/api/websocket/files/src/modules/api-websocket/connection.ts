// One client of protocol v1: its topics and the replies to its messages. The shared limits (rate, size,
// send buffer, heartbeat) are the transport's GuardedConnection, which every message went through first.
import type { RawData } from 'ws';
import type { GuardedConnection } from '../transport-websocket/index.js';
import { encode, parseClientMessage, ProtocolError, type ServerMessage } from './protocol.js';

export class ClientConnection {
  /** The topics this client subscribed to. */
  readonly topics = new Set<string>();

  /** `available`: every topic the server has, for parsing subscribe and unsubscribe. */
  constructor(
    readonly guarded: GuardedConnection,
    readonly available: readonly string[],
  ) {}

  /** Queues an already encoded message (one event is encoded once for every subscriber). */
  sendEncoded(type: ServerMessage['type'], text: string): void {
    this.guarded.send(type, text);
  }

  send(message: ServerMessage): void {
    this.sendEncoded(message.type, encode(message));
  }

  receive(data: RawData, isBinary: boolean): void {
    if (isBinary) return this.#reject(new ProtocolError('invalid_message', 'binary messages are not supported; send JSON text'));
    let message;
    try {
      message = parseClientMessage(data.toString(), this.available);
    } catch (error) {
      if (error instanceof ProtocolError) return this.#reject(error);
      throw error;
    }
    this.guarded.countReceived(message.type, 'ok');
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
    this.guarded.countReceived('invalid', 'error');
    this.send({ type: 'error', code: error.code, message: error.message, ...(error.id === undefined ? {} : { id: error.id }) });
  }
}
