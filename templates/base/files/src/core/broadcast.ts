// Listeners by channel, shared by every Broadcast adapter, and the in-process Broadcast built on them.
import type { Broadcast } from './ports.js';

type Listener = (message: string) => void;

/** The same function added twice is two subscriptions, each removed on its own. */
export class ChannelListeners {
  readonly #channels = new Map<string, Set<Listener>>();

  /** `first`: the channel had no listener (a transport subscribes now); `remove()` says whether it has none left. */
  add(channel: string, listener: Listener): { first: boolean; remove(): boolean } {
    const existing = this.#channels.get(channel);
    const listeners = existing ?? new Set<Listener>();
    this.#channels.set(channel, listeners);
    const entry: Listener = (message) => listener(message);
    listeners.add(entry);
    return {
      first: existing === undefined,
      remove: () => {
        listeners.delete(entry);
        if (listeners.size > 0 || this.#channels.get(channel) !== listeners) return false;
        this.#channels.delete(channel);
        return true;
      },
    };
  }

  deliver(channel: string, message: string): void {
    for (const listener of this.#channels.get(channel) ?? []) listener(message);
  }

  clear(): void {
    this.#channels.clear();
  }
}

/** Subscribers in this process only (one instance, or no shared transport). */
export class LocalBroadcast implements Broadcast {
  readonly kind = 'local';
  readonly #listeners = new ChannelListeners();

  async publish(channel: string, message: string): Promise<void> {
    this.#listeners.deliver(channel, message);
  }

  async subscribe(channel: string, listener: Listener): Promise<() => Promise<void>> {
    const { remove } = this.#listeners.add(channel, listener);
    return async () => void remove();
  }
}
