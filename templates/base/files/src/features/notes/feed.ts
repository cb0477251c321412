// The notes feed: every note change on any instance, for the streaming APIs (WebSocket events,
// GraphQL subscriptions, gRPC Watch). Changes go out through the Broadcast port, so with Redis every
// instance's subscribers see changes made on every other instance.
import type { AppContext } from '../../core/context.js';
import type { Note } from '../../core/ports.js';

export type NoteChange =
  | { event: 'note.created'; data: Note }
  | { event: 'note.updated'; data: Note }
  | { event: 'note.deleted'; data: { id: string } };

export interface NotesFeed {
  /** The listener gets every change from now on; the returned function stops it. */
  subscribe(listener: (change: NoteChange) => void): () => void;
}

export const NOTES_CHANNEL = 'notes';

const feeds = new WeakMap<AppContext, Promise<NotesFeed>>();

/**
 * One feed per app, started by the first API module that asks for it: stacks without a streaming API
 * never publish. Publishing starts before the first subscriber so that a change made here reaches
 * subscribers on other instances.
 */
export function notesFeed(ctx: AppContext): Promise<NotesFeed> {
  let feed = feeds.get(ctx);
  if (!feed) {
    feed = startFeed(ctx);
    feeds.set(ctx, feed);
  }
  return feed;
}

async function startFeed(ctx: AppContext): Promise<NotesFeed> {
  const { broadcast } = ctx.ports;
  const log = ctx.logger.child({ component: 'notes-feed' });
  const listeners = new Set<(change: NoteChange) => void>();

  const deliver = (change: NoteChange): void => {
    for (const listener of listeners) {
      try {
        listener(change);
      } catch (err) {
        log.error({ err, event: change.event }, 'notes feed listener failed');
      }
    }
  };
  const unsubscribe = await broadcast.subscribe(NOTES_CHANNEL, (message) => {
    try {
      deliver(JSON.parse(message) as NoteChange);
    } catch (err) {
      log.warn({ err }, 'dropped an unreadable notes feed message');
    }
  });
  ctx.onClose(unsubscribe);

  const publish = async (change: NoteChange): Promise<void> => {
    try {
      await broadcast.publish(NOTES_CHANNEL, JSON.stringify(change));
    } catch (err) {
      // Other instances miss this change; this instance's subscribers still get it.
      log.warn({ err, broadcast: broadcast.kind, event: change.event }, 'notes feed publish failed; delivered on this instance only');
      deliver(change);
    }
  };
  ctx.events.on('note.created', (data) => publish({ event: 'note.created', data }));
  ctx.events.on('note.updated', (data) => publish({ event: 'note.updated', data }));
  ctx.events.on('note.deleted', (data) => publish({ event: 'note.deleted', data }));

  return {
    subscribe(listener) {
      const entry = (change: NoteChange) => listener(change);
      listeners.add(entry);
      return () => listeners.delete(entry);
    },
  };
}
