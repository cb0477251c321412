// The graphql-over-http request fields, checked before mercurius sees them: the route schema would
// coerce `"query": 123` to "123", and mercurius reads a query that is not GraphQL as a JSON-encoded
// syntax tree, which the validation rules then crash on. A wrong shape is a 400 with a GraphQL body.
import type { FastifyRequest } from 'fastify';
import type { GraphQLError } from 'graphql';
import { getOperationAST, parse } from './graphql-runtime.js';

/** A request the client built wrongly: mapped to 400 BAD_REQUEST by the error formatter. */
export class BadGraphQLRequest extends Error {
  readonly statusCode = 400;
  override name = 'BadGraphQLRequest';
}

/** A document that is not GraphQL: carries the syntax error the way mercurius reports rejected documents. */
class UnparsableDocument extends Error {
  readonly statusCode = 400;
  constructor(readonly errors: GraphQLError[]) {
    super(errors[0]!.message);
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const kind = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`);

function expect(field: string, value: unknown, accepted: string, ok: boolean): void {
  if (!ok) throw new BadGraphQLRequest(`${field} must be ${accepted}, got ${kind(value)}`);
}

const jsonOf = (text: string): { value: unknown } | undefined => {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
};
const parsesAsJson = (text: string): boolean => jsonOf(text) !== undefined;

/** GET carries variables and extensions as JSON text: of an object (variables: or null). */
function expectJsonObjectText(field: string, value: unknown, nullable: boolean): void {
  if (value === undefined) return;
  const parsed = typeof value === 'string' ? jsonOf(value) : undefined;
  const ok = parsed !== undefined && (isRecord(parsed.value) || (nullable && parsed.value === null));
  if (!ok) throw new BadGraphQLRequest(`${field} must be the JSON text of an object${nullable ? ' or null' : ''}`);
}

/**
 * Text that is valid JSON is never a GraphQL document; mercurius would take it for a syntax tree. Parsing
 * it ourselves gives the client the syntax error it deserves (only then: the common case costs nothing).
 */
export function refuseJsonDocument(query: string): void {
  if (!parsesAsJson(query)) return;
  try {
    parse(query);
  } catch (error) {
    throw new UnparsableDocument([error as GraphQLError]);
  }
}

/** POST bodies carry JSON values; GET query strings carry text (variables as JSON text). */
export function checkGraphQLRequest(request: FastifyRequest): void {
  const get = request.method === 'GET';
  const fields: unknown = get ? request.query : request.body;
  if (!get) expect('the request body', fields, 'a JSON object (batched queries are not supported)', isRecord(fields));
  if (!isRecord(fields)) return;
  const { query, operationName, variables, extensions } = fields;
  if (get && query === undefined) return; // the graphql-ws upgrade, or a GET mercurius refuses itself
  expect('query', query, 'a string', typeof query === 'string');
  expect('operationName', operationName, 'a string or null', operationName === undefined || operationName === null || typeof operationName === 'string');
  if (get) {
    expectJsonObjectText('variables', variables, true);
    expectJsonObjectText('extensions', extensions, false);
  } else {
    expect('variables', variables, 'an object or null', variables === undefined || variables === null || isRecord(variables));
    expect('extensions', extensions, 'an object', extensions === undefined || isRecord(extensions));
  }
  refuseJsonDocument(query as string);
  if (get) refuseMissingOperation(query as string, operationName as string | null | undefined);
}

/**
 * mercurius checks that a GET runs a query by looking up the operation, and fails with a TypeError when
 * operationName names none (or is missing while the document has several). A POST gets graphql's own
 * "Unknown operation" error from execution.
 */
function refuseMissingOperation(query: string, operationName: string | null | undefined): void {
  let document;
  try {
    document = parse(query);
  } catch {
    return; // mercurius reports the syntax error
  }
  if (getOperationAST(document, operationName)) return;
  throw new BadGraphQLRequest(operationName ? `operationName "${operationName}" names no operation of the document` : 'the document has several operations (or none): name the one to run in operationName');
}
