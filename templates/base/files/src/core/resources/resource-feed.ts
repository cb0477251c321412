// The change feed of one resource: every change on any instance, for the streaming APIs (WebSocket
// events, GraphQL subscriptions, gRPC Watch). Changes go out through the Broadcast port, so with Redis
// every instance's subscribers see changes made on every other instance.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { asResourceEventBus } from '../events.js';
import type { Broadcast } from '../ports.js';
import type { ResourceRecord } from './records.js';

export type ResourceChange<T extends ResourceRecord, S extends string = string> =
  | { event: `${S}.created`; data: T }
  | { event: `${S}.updated`; data: T }
  | { event: `${S}.deleted`; data: { id: string } };

export interface ResourceFeed<T extends ResourceRecord, S extends string = string> {
  /** The listener gets every change from now on; the returned function stops it. */
  subscribe(listener: (change: ResourceChange<T, S>) => void): () => void;
}

export interface ResourceFeedOptions<S extends string> {
  /** The Broadcast channel, e.g. "notes". */
  channel: string;
  /** The resource's events: `${singular}.created|updated|deleted`. */
  singular: S;
}

/** The app's feeds (its `resourceFeeds` decorator, made by default-ports.ts), one per channel. */
export interface ResourceFeeds {
  of<T extends ResourceRecord, S extends string>(options: ResourceFeedOptions<S>): Promise<ResourceFeed<T, S>>;
  /** Stops listening to the events and the Broadcast (default-ports.ts closes it before the Broadcast closes). */
  close(): Promise<void>;
}

/**
 * The app's feed of one channel. Read with getDecorator: a generic method cannot be merged into
 * FastifyInstance from two projects' identical declarations (see docs/decisions.md).
 */
export const resourceFeed = <T extends ResourceRecord, S extends string>(app: FastifyInstance, options: ResourceFeedOptions<S>): Promise<ResourceFeed<T, S>> =>
  app.getDecorator<ResourceFeeds>('resourceFeeds').of<T, S>(options);

/**
 * Each feed is started by the first API module that asks for it: stacks without a streaming API never
 * publish. Publishing starts before the first subscriber so that a change made here reaches subscribers
 * on other instances.
 */
export function createResourceFeeds(app: FastifyInstance, ctx: AppContext): ResourceFeeds {
  // Feeds are erased with their types here; of() gives them back.
  const byChannel = new Map<string, Promise<StartedFeed<ResourceRecord>>>();
  return {
    async of<T extends ResourceRecord, S extends string>(options: ResourceFeedOptions<S>) {
      let started = byChannel.get(options.channel) as Promise<StartedFeed<T, S>> | undefined;
      if (!started) {
        started = startFeed<T, S>(app.broadcast, ctx, options);
        byChannel.set(options.channel, started as Promise<StartedFeed<ResourceRecord>>);
      }
      return (await started).feed;
    },
    async close() {
      const started = await Promise.allSettled(byChannel.values());
      byChannel.clear();
      for (const result of started) if (result.status === 'fulfilled') await result.value.stop();
    },
  };
}

interface StartedFeed<T extends ResourceRecord, S extends string = string> {
  feed: ResourceFeed<T, S>;
  /** Stops publishing the resource's events and listening to the Broadcast. */
  stop: () => Promise<void>;
}

async function startFeed<T extends ResourceRecord, S extends string>(
  broadcast: Broadcast,
  ctx: AppContext,
  { channel, singular }: ResourceFeedOptions<S>,
): Promise<StartedFeed<T, S>> {
  type Change = ResourceChange<T, S>;
  const log = ctx.logger.child({ component: 'resource-feed', channel });
  const listeners = new Set<(change: Change) => void>();

  const deliver = (change: Change): void => {
    for (const listener of listeners) {
      try {
        listener(change);
      } catch (err) {
        log.error({ err, event: change.event }, 'feed listener failed');
      }
    }
  };
  const unsubscribe = await broadcast.subscribe(channel, (message) => {
    try {
      deliver(JSON.parse(message) as Change);
    } catch (err) {
      log.warn({ err }, 'dropped an unreadable feed message');
    }
  });

  const publish = async (change: Change): Promise<void> => {
    try {
      await broadcast.publish(channel, JSON.stringify(change));
    } catch (err) {
      // Other instances miss this change; this instance's subscribers still get it.
      log.warn({ err, broadcast: broadcast.kind, event: change.event }, 'feed publish failed; delivered on this instance only');
      deliver(change);
    }
  };
  const events = asResourceEventBus(ctx.events);
  const stopEvents = [
    events.on(`${singular}.created`, (data) => publish({ event: `${singular}.created`, data: data as T })),
    events.on(`${singular}.updated`, (data) => publish({ event: `${singular}.updated`, data: data as T })),
    events.on(`${singular}.deleted`, (data) => publish({ event: `${singular}.deleted`, data: data as { id: string } })),
  ];

  const feed: ResourceFeed<T, S> = {
    subscribe(listener) {
      const entry = (change: Change) => listener(change);
      listeners.add(entry);
      return () => listeners.delete(entry);
    },
  };
  const stop = async (): Promise<void> => {
    for (const stopEvent of stopEvents) stopEvent();
    await unsubscribe();
  };
  return { feed, stop };
}
