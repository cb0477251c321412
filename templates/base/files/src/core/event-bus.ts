// In-process domain events. Listener failures are logged, never thrown to the publisher.
import type { FastifyBaseLogger } from 'fastify';
import type { EventBus, EventName, Listener } from './events.js';

export function createEventBus(logger: FastifyBaseLogger): EventBus {
  const listeners = new Map<EventName, Set<Listener<EventName>>>();
  return {
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as Listener<EventName>);
      listeners.set(event, set);
      return () => set.delete(listener as Listener<EventName>);
    },
    async emit(event, payload) {
      const set = listeners.get(event);
      if (!set) return;
      await Promise.all(
        [...set].map(async (listener) => {
          try {
            await listener(payload);
          } catch (err) {
            logger.error({ err, event }, 'event listener failed');
          }
        }),
      );
    },
  };
}
