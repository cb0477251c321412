// Active subscriptions per graphql-ws connection: at most GRAPHQL_MAX_SUBSCRIPTIONS, and every one of
// them ended when its socket closes, including streams mercurius lost track of (a reused id replaces
// the earlier subscription in its map without ending it).
import type { WebSocket } from '@fastify/websocket';
import type { GraphQLError as GraphQLErrorType } from 'graphql';
import { GraphQLError } from './graphql-runtime.js';

/**
 * What resolvers use of their connection's slots, as the GraphQL context declares it: an interface, so
 * that the context's declaration does not name the class (whose private field makes it nominal).
 */
export interface ConnectionSubscriptions {
  readonly full: boolean;
  refusal(): GraphQLErrorType;
  open<T>(start: (onEnd: () => void) => AsyncIterableIterator<T>): AsyncIterableIterator<T>;
}

export class SubscriptionSlots implements ConnectionSubscriptions {
  readonly #active = new Set<AsyncIterator<unknown>>();

  constructor(readonly max: number) {}

  get full(): boolean {
    return this.#active.size >= this.max;
  }

  refusal(): GraphQLErrorType {
    return new GraphQLError(`At most ${this.max} active subscriptions per connection; complete one first`, {
      extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', max: this.max },
    });
  }

  /** Starts a stream in a free slot (throws when there is none); the slot frees when the stream ends. */
  open<T>(start: (onEnd: () => void) => AsyncIterableIterator<T>): AsyncIterableIterator<T> {
    if (this.full) throw this.refusal();
    let stream: AsyncIterableIterator<T> | undefined;
    stream = start(() => this.#active.delete(stream!));
    this.#active.add(stream);
    return stream;
  }

  endAll(): void {
    for (const stream of [...this.#active]) void stream.return?.();
  }
}

/** One SubscriptionSlots per socket, however often its client sends connection_init. */
export function slotsPerSocket(max: number): (socket: WebSocket) => SubscriptionSlots {
  const bySocket = new WeakMap<WebSocket, SubscriptionSlots>();
  return (socket) => {
    let slots = bySocket.get(socket);
    if (!slots) {
      const created = new SubscriptionSlots(max);
      socket.once('close', () => created.endAll());
      bySocket.set(socket, created);
      slots = created;
    }
    return slots;
  };
}
