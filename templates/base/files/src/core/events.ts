import type { Note } from './ports.js';

export interface DomainEvents {
  'note.created': Note;
  'note.updated': Note;
  'note.deleted': { id: string };
}
export type EventName = keyof DomainEvents;
export type Listener<E extends EventName> = (payload: DomainEvents[E]) => void | Promise<void>;

export interface EventBus {
  on<E extends EventName>(event: E, listener: Listener<E>): () => void;
  /** Awaits every listener; a failing listener is logged by the bus, never thrown to the publisher. */
  emit<E extends EventName>(event: E, payload: DomainEvents[E]): Promise<void>;
}
