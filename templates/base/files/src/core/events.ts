// In-process domain events: every resource's `<singular>.created|updated|deleted` (src/features/index.ts).
import type { DomainEvents } from '../features/index.js';

export type { DomainEvents };
export type EventName = keyof DomainEvents & string;
export type Listener<E extends EventName> = (payload: DomainEvents[E]) => void | Promise<void>;

export interface EventBus {
  on<E extends EventName>(event: E, listener: Listener<E>): () => void;
  /** Awaits every listener; a failing listener is logged by the bus, never thrown to the publisher. */
  emit<E extends EventName>(event: E, payload: DomainEvents[E]): Promise<void>;
}

/**
 * The same bus as the generic resource code (src/core/resources) sees it: that code builds event names
 * from a resource's singular and cannot name them in DomainEvents. Per-resource code uses EventBus.
 */
export interface ResourceEventBus {
  on(event: string, listener: (payload: unknown) => void | Promise<void>): () => void;
  emit(event: string, payload: unknown): Promise<void>;
}

export const asResourceEventBus = (bus: EventBus): ResourceEventBus => bus as unknown as ResourceEventBus;
