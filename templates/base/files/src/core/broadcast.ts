// The in-process Broadcast: subscribers in this process only (one instance, or no shared transport).
import type { Broadcast } from './ports.js';

type Listener = (message: string) => void;

export class LocalBroadcast implements Broadcast {
  readonly kind = 'local';
  readonly #channels = new Map<string, Set<Listener>>();

  async publish(channel: string, message: string): Promise<void> {
    for (const listener of this.#channels.get(channel) ?? []) listener(message);
  }

  async subscribe(channel: string, listener: Listener): Promise<() => Promise<void>> {
    const listeners = this.#channels.get(channel) ?? new Set<Listener>();
    this.#channels.set(channel, listeners);
    // Wrapped so the same function subscribed twice is two subscriptions, each removed on its own.
    const entry: Listener = (message) => listener(message);
    listeners.add(entry);
    return async () => {
      listeners.delete(entry);
      if (listeners.size === 0) this.#channels.delete(channel);
    };
  }
}
