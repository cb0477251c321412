// Protocol v1: JSON text messages, each with `"v": 1` and a `type`. Documented in the README.
import type { NoteChange } from '../../features/notes/index.js';

export const PROTOCOL_VERSION = 1;
export const TOPICS = ['notes'] as const;
export type Topic = (typeof TOPICS)[number];

export type ErrorCode = 'invalid_json' | 'invalid_message' | 'unsupported_version' | 'unknown_type' | 'unknown_topic' | 'rate_limited';

/** What a client may send. `id` (optional, at most 64 characters) is echoed in the reply. */
export type ClientMessage =
  | { type: 'subscribe'; topic: Topic; id?: string }
  | { type: 'unsubscribe'; topic: Topic; id?: string }
  | { type: 'ping'; id?: string };

export type ServerMessage =
  | { type: 'subscribed' | 'unsubscribed'; topic: Topic; id?: string }
  | { type: 'pong'; id?: string }
  | ({ type: 'event'; topic: Topic } & NoteChange)
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
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses one client text message; throws ProtocolError naming what is wrong. */
export function parseClientMessage(text: string): ClientMessage {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ProtocolError('invalid_json', 'message is not valid JSON');
  }
  if (!isRecord(value)) throw new ProtocolError('invalid_message', 'message must be a JSON object');
  const { v, type, topic, id } = value;
  if (id !== undefined && (typeof id !== 'string' || id.length > 64)) throw new ProtocolError('invalid_message', 'id must be a string of at most 64 characters');
  if (v !== PROTOCOL_VERSION) throw new ProtocolError('unsupported_version', `v must be ${PROTOCOL_VERSION}`, id);
  if (typeof type !== 'string' || !MESSAGE_TYPES.includes(type)) {
    throw new ProtocolError('unknown_type', `type must be one of ${MESSAGE_TYPES.join(', ')}`, id);
  }
  const withId = id === undefined ? {} : { id };
  if (type === 'ping') return { type, ...withId };
  if (!TOPICS.includes(topic as Topic)) throw new ProtocolError('unknown_topic', `topic must be one of ${TOPICS.join(', ')}`, id);
  return { type: type as 'subscribe' | 'unsubscribe', topic: topic as Topic, ...withId };
}

export const encode = (message: ServerMessage): string => JSON.stringify({ v: PROTOCOL_VERSION, ...message });
