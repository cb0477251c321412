// What the resolvers of every resource share (each resource's graphql-resolvers.ts uses them): pages as
// connections, the write guard, patches, and the `<singular>Created` subscription. They call the
// resource's service, so every API style has the same rules, cache and events.
import type { MercuriusContext } from 'mercurius';
import { HttpProblem } from '../../core/errors.js';
import type { Authenticator } from '../../core/ports.js';
import { cursorOf } from '../../core/resources/cursor.js';
import { PAGE_LIMIT_MAX } from '../../core/resources/page.js';
import type { ListOptions, Page, ResourceRecord } from '../../core/resources/records.js';
import type { ResourceFeed } from '../../core/resources/resource-feed.js';
import { createdStream } from './created-stream.js';

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** The arguments of every connection field: `first` has a default in the schema. */
export interface PageArgs {
  first: number;
  after?: string | null;
}

/** A page as a connection: one repository query, whatever its size (nodes have no fields to fetch one by one). */
export async function connectionOf<T extends ResourceRecord>(
  service: { list(options: ListOptions): Promise<Page<T>> },
  { first, after }: PageArgs,
): Promise<Connection<T>> {
  // A literal out of range is refused before execution (complexity.ts); a variable is checked here.
  if (first < 1 || first > PAGE_LIMIT_MAX) throw new HttpProblem(400, `first must be an integer from 1 to ${PAGE_LIMIT_MAX}, got ${first}`);
  const page = await service.list({ limit: first, after: after ?? undefined });
  const edges = page.items.map((node) => ({ cursor: cursorOf(node), node }));
  return { edges, pageInfo: { hasNextPage: page.nextCursor !== null, endCursor: edges.at(-1)?.cursor ?? null } };
}

/** Mutations need a principal when the authenticator requires one; queries and subscriptions do not. */
export function writeGuard(authenticator: () => Authenticator): (context: MercuriusContext) => void {
  return (context) => {
    if (authenticator().required && !context.principal) throw new HttpProblem(401, 'Authentication required');
  };
}

/**
 * The service's patch from a GraphQL patch input. GraphQL cannot declare a field that may be omitted
 * but not null: null clears an optional field, and leaves a field in `required` as it is.
 */
export function patchOf<P extends object>(input: P, required: readonly string[]): P {
  return Object.fromEntries(Object.entries(input).filter(([key, value]) => value !== null || !required.includes(key))) as P;
}

/** The `<singular>Created` subscription field: graphql-ws only, in one of the connection's slots. */
export function createdSubscription<T extends ResourceRecord, S extends string>(feed: ResourceFeed<T, S>, singular: S) {
  return {
    subscribe: (_root: unknown, _args: unknown, context: MercuriusContext) => {
      if (!context.subscriptions) throw new HttpProblem(400, 'Subscriptions are served over graphql-ws (a WebSocket to /graphql)');
      return context.subscriptions.open((onEnd) => createdStream(feed, singular, onEnd));
    },
    resolve: (record: T) => record,
  };
}
