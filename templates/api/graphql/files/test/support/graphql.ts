// GraphQL over HTTP through app.inject, the way a client POSTs documents.
import type { BuiltApp } from '../../src/app.js';

export interface GraphQLResponse {
  statusCode: number;
  data?: Record<string, any> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown>; path?: unknown[] }>;
}

export async function graphql(
  built: BuiltApp,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse> {
  const operationName = /^\s*(?:query|mutation|subscription)\s+(\w+)/.exec(query)?.[1];
  const response = await built.app.inject({ method: 'POST', url: '/graphql', headers, payload: { query, variables, ...(operationName ? { operationName } : {}) } });
  return { statusCode: response.statusCode, ...response.json() };
}

/** The `extensions.code` of every error, in order. */
export const codes = (response: GraphQLResponse): unknown[] => (response.errors ?? []).map((e) => e.extensions?.code);
