// Resolvers over the notes service: the same rules, cache and events as every other API style.
import type { IResolvers, MercuriusContext } from 'mercurius';
import type { Authenticator, Note, NoteInput, NotePatch, Principal } from '../../core/ports.js';
import { HttpProblem } from '../../core/errors.js';
import { cursorOf, PAGE_LIMIT_MAX, type NotesFeed, type NotesService } from '../../features/notes/index.js';
import { noteCreatedStream } from './note-stream.js';
import type { SubscriptionSlots } from './subscription-slots.js';

declare module 'mercurius' {
  interface MercuriusContext {
    /** Set from the request (or the subscription's upgrade) by the core's authentication hook. */
    principal?: Principal;
    /** The subscriptions of this graphql-ws connection (subscriptions only). */
    subscriptions?: SubscriptionSlots;
  }
}

export interface NoteConnection {
  edges: Array<{ cursor: string; node: Note }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const notFound = (id: string) => new HttpProblem(404, `Note ${id} not found`);

export function notesResolvers(notes: NotesService, feed: NotesFeed, authenticator: () => Authenticator): IResolvers {
  const requireWriter = (context: MercuriusContext): void => {
    if (authenticator().required && !context.principal) throw new HttpProblem(401, 'Authentication required');
  };

  return {
    Query: {
      note: (_root: unknown, { id }: { id: string }) => notes.get(id),
      async notes(_root: unknown, { first, after }: { first: number; after?: string | null }): Promise<NoteConnection> {
        if (first < 1 || first > PAGE_LIMIT_MAX) throw new HttpProblem(400, `first must be an integer from 1 to ${PAGE_LIMIT_MAX}, got ${first}`);
        // One repository query per page, whatever its size: nodes have no fields to fetch one by one.
        const page = await notes.list({ limit: first, after: after ?? undefined });
        const edges = page.items.map((node) => ({ cursor: cursorOf(node), node }));
        return { edges, pageInfo: { hasNextPage: page.nextCursor !== null, endCursor: edges.at(-1)?.cursor ?? null } };
      },
    },
    Mutation: {
      createNote(_root: unknown, { input }: { input: NoteInput }, context: MercuriusContext) {
        requireWriter(context);
        return notes.create(input);
      },
      async updateNote(_root: unknown, { id, input }: { id: string; input: NotePatch }, context: MercuriusContext) {
        requireWriter(context);
        const patch = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== null)) as NotePatch;
        return (await notes.update(id, patch)) ?? Promise.reject(notFound(id));
      },
      async deleteNote(_root: unknown, { id }: { id: string }, context: MercuriusContext) {
        requireWriter(context);
        if (!(await notes.delete(id))) throw notFound(id);
        return id;
      },
    },
    Subscription: {
      noteCreated: {
        subscribe: (_root: unknown, _args: unknown, context: MercuriusContext) => {
          if (!context.subscriptions) throw new HttpProblem(400, 'Subscriptions are served over graphql-ws (a WebSocket to /graphql)');
          return context.subscriptions.open((onEnd) => noteCreatedStream(feed, onEnd));
        },
        resolve: (note: Note) => note,
      },
    },
  };
}
