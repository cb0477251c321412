// The notes feed as the async iterator a GraphQL subscription reads.
import type { Note } from '../../core/ports.js';
import type { NotesFeed } from '../../features/notes/index.js';

/** Notes waiting for a subscriber that reads slower than notes are created; older ones are dropped. */
export const PENDING_MAX = 1000;

/** `onEnd` runs once, when the subscriber stops reading (complete, disconnect) or the stream is thrown into. */
export function noteCreatedStream(feed: NotesFeed, onEnd: () => void = () => {}): AsyncIterableIterator<Note> {
  const pending: Note[] = [];
  let wake: (() => void) | undefined;
  let finished = false;
  const stop = feed.subscribe((change) => {
    if (change.event !== 'note.created') return;
    pending.push(change.data);
    if (pending.length > PENDING_MAX) pending.shift();
    wake?.();
  });
  const finish = (): IteratorResult<Note> => {
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
      const note = pending.shift();
      return note === undefined ? { done: true, value: undefined } : { done: false, value: note };
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
