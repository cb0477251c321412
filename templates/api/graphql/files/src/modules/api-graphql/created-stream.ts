// A resource's feed as the async iterator a `<singular>Created` subscription reads.
import type { ResourceRecord } from '../../core/resources/records.js';
import type { ResourceFeed } from '../../core/resources/resource-feed.js';

/** Records waiting for a subscriber that reads slower than they are created; older ones are dropped. */
export const PENDING_MAX = 1000;

/**
 * The records of every `${singular}.created` change from now on. `onEnd` runs once, when the subscriber
 * stops reading (complete, disconnect) or the stream is thrown into.
 */
export function createdStream<T extends ResourceRecord, S extends string>(
  feed: ResourceFeed<T, S>,
  singular: S,
  onEnd: () => void = () => {},
): AsyncIterableIterator<T> {
  const created = `${singular}.created`;
  const pending: T[] = [];
  let wake: (() => void) | undefined;
  let finished = false;
  const stop = feed.subscribe((change) => {
    if (change.event !== created) return;
    pending.push(change.data as T);
    if (pending.length > PENDING_MAX) pending.shift();
    wake?.();
  });
  const finish = (): IteratorResult<T> => {
    if (!finished) onEnd();
    finished = true;
    stop();
    wake?.();
    return { done: true, value: undefined };
  };

  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      while (pending.length === 0 && !finished) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      const record = pending.shift();
      return record === undefined ? { done: true, value: undefined } : { done: false, value: record };
    },
    async return() {
      return finish();
    },
    async throw(error?: unknown) {
      finish();
      throw error;
    },
  };
}
