// GraphQL clients this project did not write, against a generated app: documents POSTed over HTTP the
// way any client sends them, and subscriptions with the graphql-ws client.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface GraphQLResult {
  status: number;
  data?: Record<string, any> | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

export async function postGraphQL(baseUrl: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLResult> {
  const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const response = await fetch(`${baseUrl}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return { status: response.status, ...((await response.json()) as object) };
}

export interface NoteCreatedSubscription {
  /** The next noteCreated payload. */
  next(): Promise<{ id: string; title: string }>;
  close(): Promise<void>;
}

export function subscribeNoteCreated(baseUrl: string): NoteCreatedSubscription {
  const client = createClient({ url: `${baseUrl.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
  const events = client.iterate<{ noteCreated: { id: string; title: string } }>({ query: 'subscription { noteCreated { id title } }' });
  return {
    async next() {
      const result = await events.next();
      if (result.done || !result.value.data) throw new Error(`subscription ended: ${JSON.stringify(result.value)}`);
      return result.value.data.noteCreated;
    },
    async close() {
      await events.return?.();
      await client.dispose();
    },
  };
}
