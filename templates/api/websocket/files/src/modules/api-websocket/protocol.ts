// Protocol v1: JSON text messages, each with `"v": 1` and a `type`. Documented in the README.
import type { ResourceRecord } from '../../core/resources/records.js';
import type { ResourceChange } from '../../core/resources/resource-feed.js';

export const PROTOCOL_VERSION = 1;

export type ErrorCode = 'invalid_json' | 'invalid_message' | 'unsupported_version' | 'unknown_type' | 'unknown_topic' | 'rate_limited';

/** What a client may send. `id` (optional, at most 64 characters) is echoed in the reply. */
export type ClientMessage =
  | { type: 'subscribe'; topic: string; id?: string }
  | { type: 'unsubscribe'; topic: string; id?: string }
  | { type: 'ping'; id?: string };

export type ServerMessage =
  | { type: 'subscribed' | 'unsubscribed'; topic: string; id?: string }
  | { type: 'pong'; id?: string }
  | ({ type: 'event'; topic: string } & ResourceChange<ResourceRecord>)
  | { type: 'error'; code: ErrorCode; message: string; id?: string };

export class ProtocolError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly id?: string,
  ) {
    super(message);
  }
}

const MESSAGE_TYPES = ['subscribe', 'unsubscribe', 'ping'];
const ID_MAX = 64;
/** How much of an unknown topic the error quotes back: a client may send up to WS_MAX_MESSAGE_BYTES. */
const QUOTED_TOPIC_MAX = 64;
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Names what the client sent and lists what it can subscribe to. */
function unknownTopic(topic: unknown, topics: readonly string[], id: string | undefined): ProtocolError {
  const quoted = typeof topic === 'string' && JSON.stringify(topic.length > QUOTED_TOPIC_MAX ? `${topic.slice(0, QUOTED_TOPIC_MAX)}…` : topic);
  const what = quoted ? `unknown topic ${quoted}` : 'topic must be a string';
  const known = topics.length === 0 ? 'this server has no topics' : `the topics are ${topics.join(', ')}`;
  return new ProtocolError('unknown_topic', `${what}: ${known}`, id);
}

/** Parses one client text message against the server's topics; throws ProtocolError naming what is wrong. */
export function parseClientMessage(text: string, topics: readonly string[]): ClientMessage {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ProtocolError('invalid_json', 'message is not valid JSON');
  }
  if (!isRecord(value)) throw new ProtocolError('invalid_message', 'message must be a JSON object');
  const { v, type, topic, id } = value;
  if (id !== undefined && (typeof id !== 'string' || id.length > ID_MAX)) throw new ProtocolError('invalid_message', `id must be a string of at most ${ID_MAX} characters`);
  if (v !== PROTOCOL_VERSION) throw new ProtocolError('unsupported_version', `v must be ${PROTOCOL_VERSION}`, id);
  if (typeof type !== 'string' || !MESSAGE_TYPES.includes(type)) {
    throw new ProtocolError('unknown_type', `type must be one of ${MESSAGE_TYPES.join(', ')}`, id);
  }
  const withId = id === undefined ? {} : { id };
  if (type === 'ping') return { type, ...withId };
  if (typeof topic !== 'string' || !topics.includes(topic)) throw unknownTopic(topic, topics, id);
  return { type: type as 'subscribe' | 'unsubscribe', topic, ...withId };
}

export const encode = (message: ServerMessage): string => JSON.stringify({ v: PROTOCOL_VERSION, ...message });
