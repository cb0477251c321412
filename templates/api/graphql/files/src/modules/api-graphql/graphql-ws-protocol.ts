// What the shared WebSocket connection checks before mercurius reads a graphql-ws message: the message
// shapes of the protocol (mercurius would take a non-string `query` for a parsed document), one
// connection_init per connection, and the close codes the protocol defines for both.
// https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md
import type { DocumentNode } from 'graphql';
import type { EndpointProtocol, GuardedConnection } from '../transport-websocket/index.js';
import { parse as parseGraphQL } from './graphql-runtime.js';
import { operationOf } from './observability.js';

export const GRAPHQL_WS_CLOSE = { badRequest: 4400, tooManyInitialisationRequests: 4429 } as const;

/** Client message types of graphql-transport-ws, and of the older subscriptions-transport-ws mercurius also speaks. */
const CLIENT_TYPES = new Set(['connection_init', 'ping', 'pong', 'subscribe', 'complete', 'start', 'stop', 'connection_terminate']);
const SUBSCRIBE_TYPES = new Set(['subscribe', 'start']);
const ID_MAX = 128;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const optional = (value: unknown, ok: (v: unknown) => boolean): boolean => value === undefined || value === null || ok(value);

/** Why a client message breaks the protocol, or undefined when mercurius may read it. */
function violationOf(message: unknown): string | undefined {
  if (!isRecord(message)) return 'a message must be a JSON object';
  const { type, id, payload } = message;
  if (typeof type !== 'string' || !CLIENT_TYPES.has(type)) return 'unknown message type';
  if (type === 'complete' || type === 'stop' || SUBSCRIBE_TYPES.has(type)) {
    if (typeof id !== 'string' || id.length === 0 || id.length > ID_MAX) return `id must be a string of 1 to ${ID_MAX} characters`;
  }
  if (!SUBSCRIBE_TYPES.has(type)) return optional(payload, isRecord) ? undefined : 'payload must be an object';
  if (!isRecord(payload)) return 'subscribe needs a payload object';
  if (typeof payload.query !== 'string') return 'payload.query must be a string';
  if (!optional(payload.variables, isRecord)) return 'payload.variables must be an object or null';
  if (!optional(payload.operationName, (v) => typeof v === 'string')) return 'payload.operationName must be a string or null';
  if (!optional(payload.extensions, (v) => isRecord(v) || Array.isArray(v))) return 'payload.extensions must be an object';
  return undefined;
}

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** The document, when it parses (mercurius reports syntax errors itself). */
const documentOf = (query: string): DocumentNode | undefined => {
  try {
    return parseGraphQL(query);
  } catch {
    return undefined;
  }
};

/**
 * A subscribe whose operation does not exist (an unknown operationName, a document of fragments only):
 * mercurius would answer it with a TypeError's message. Answered here with a GraphQL error instead.
 */
function refuseMissingOperation(message: { id: string; payload: { query: string; operationName?: string | null } }, connection: GuardedConnection): boolean {
  const document = documentOf(message.payload.query);
  if (!document || operationOf(document, message.payload.operationName ?? undefined)) return false;
  const name = message.payload.operationName;
  const error = { message: name ? `Unknown operation named "${name}"` : 'The document has no operation to run', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
  connection.send('error', JSON.stringify({ type: 'error', id: message.id, payload: [error] }));
  return true;
}

/** mercurius writes `{"type":...,"id":...,"payload":...}`. */
const SENT_TYPE = /^\{"type":"([a-z_]+)"/;

export function graphqlWsProtocol(): EndpointProtocol {
  const initialised = new WeakSet<GuardedConnection>();
  return {
    // No onRateLimited: graphql-ws cannot tell a client its message was dropped, so the first dropped
    // message closes the connection (1008) rather than leave a subscribe unanswered.
    inspect(text, isBinary, connection) {
      const message = isBinary ? undefined : parse(text);
      const violation = isBinary ? 'binary messages are not part of the protocol' : violationOf(message);
      if (violation) {
        connection.countReceived('invalid', 'error');
        connection.close(GRAPHQL_WS_CLOSE.badRequest, `Invalid message received: ${violation}`, 'protocol_error');
        return false;
      }
      const { type } = message as { type: string };
      if (type === 'connection_init') {
        if (initialised.has(connection)) {
          connection.countReceived(type, 'error');
          connection.close(GRAPHQL_WS_CLOSE.tooManyInitialisationRequests, 'Too many initialisation requests', 'protocol_error');
          return false;
        }
        initialised.add(connection);
      }
      connection.countReceived(type, 'ok');
      if (SUBSCRIBE_TYPES.has(type) && refuseMissingOperation(message as Parameters<typeof refuseMissingOperation>[0], connection)) return false;
      return true;
    },
    typeOfSent: (text) => SENT_TYPE.exec(text)?.[1] ?? 'message',
  };
}
