// What a client subscribes to: a named topic over one resource's change feed (resource-topics.ts lists
// every resource's; a test or a hand-written feed can make its own).
import type { FastifyInstance } from 'fastify';
import type { ResourceRecord } from '../../core/resources/records.js';
import type { ResourceFeed } from '../../core/resources/resource-feed.js';

export interface WebSocketTopic {
  /** The `topic` of subscribe, unsubscribe and event messages, e.g. "invoices". */
  name: string;
  /** The changes it streams: `<singular>.created|updated|deleted` (src/features/<resource>/feed.ts). */
  feed(app: FastifyInstance): Promise<ResourceFeed<ResourceRecord>>;
}
