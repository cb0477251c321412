// Every error a client sees carries a stable extensions.code; unexpected failures say nothing more.
import type { ExecutionResult, GraphQLError as GraphQLErrorType, GraphQLFormattedError } from 'graphql';
import { GraphQLError } from './graphql-runtime.js';
import type { FastifyBaseLogger } from 'fastify';
import { HttpProblem } from '../../core/errors.js';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  422: 'BAD_USER_INPUT',
  429: 'RATE_LIMITED',
};

/** A request rejected before execution: mercurius wraps parse, validation and depth errors in one. */
const rejectedErrors = (error: GraphQLErrorType): Array<Error & { code?: string }> | undefined => {
  const wrapped = (error.originalError as { errors?: unknown } | undefined)?.errors;
  return Array.isArray(wrapped) ? (wrapped as Array<Error & { code?: string }>) : undefined;
};

function rejectionCode(error: Error & { code?: string; extensions?: Record<string, unknown> }): string {
  if (typeof error.extensions?.code === 'string') return error.extensions.code; // e.g. our complexity rule
  if (error.code === 'MER_ERR_GQL_QUERY_DEPTH') return 'QUERY_TOO_DEEP';
  if (error.message.includes('tokens. Parsing aborted')) return 'QUERY_TOO_LARGE'; // over GRAPHQL_MAX_TOKENS
  if (error.message.startsWith('Syntax Error')) return 'GRAPHQL_PARSE_FAILED';
  if (error.message.startsWith('Variable ')) return 'BAD_USER_INPUT';
  return 'GRAPHQL_VALIDATION_FAILED';
}

/** The 4xx status of an error the client caused (a domain rule, a bad body), else undefined. */
export function clientErrorStatus(error: unknown): number | undefined {
  const status = error instanceof HttpProblem ? error.status : (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

function formatExecutionError(error: GraphQLErrorType, log: FastifyBaseLogger): GraphQLFormattedError {
  const original = error.originalError;
  const at = { ...(error.locations ? { locations: error.locations } : {}), ...(error.path ? { path: error.path } : {}) };
  const status = clientErrorStatus(original);
  if (original instanceof HttpProblem && status !== undefined) {
    return { message: original.detail ?? original.message, ...at, extensions: { code: CODE_BY_STATUS[status] ?? 'BAD_REQUEST' } };
  }
  // A dependency is down (e.g. the database): not a bug, and the client may retry.
  if (original instanceof HttpProblem && original.status === 503) {
    log.warn({ err: original, path: error.path }, 'graphql resolver: service unavailable');
    return { message: original.detail ?? original.message, ...at, extensions: { code: 'SERVICE_UNAVAILABLE' } };
  }
  // Fastify's own 4xx (an unreadable or too large body): the request, not its content, is at fault.
  if (original && status !== undefined) return { message: original.message, ...at, extensions: { code: 'BAD_REQUEST' } };
  if (!original) return { message: error.message, ...at, extensions: { code: 'BAD_USER_INPUT' } }; // e.g. argument coercion
  log.error({ err: original, path: error.path }, 'graphql resolver failed');
  return { message: 'Internal server error', ...at, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

export interface FormattedErrors {
  statusCode: number;
  response: { data: ExecutionResult['data'] | null; errors: GraphQLFormattedError[] };
  /** True when nothing was executed (parse, validation, depth or complexity errors). */
  rejected: boolean;
}

/** graphql-over-http: 400 when the document was rejected before execution, else 200 with errors beside the data. */
export function formatErrors(errors: readonly GraphQLErrorType[], data: ExecutionResult['data'], log: FastifyBaseLogger): FormattedErrors {
  let rejected = false;
  const formatted = errors.flatMap((error) => {
    const wrapped = rejectedErrors(error);
    if (!wrapped) return [formatExecutionError(error, log)];
    rejected = true;
    return wrapped.map((inner) => {
      const locations = inner instanceof GraphQLError && inner.locations ? { locations: inner.locations } : {};
      return { message: inner.message, ...locations, extensions: { code: rejectionCode(inner) } };
    });
  });
  return { statusCode: rejected && !data ? 400 : 200, response: { data: data ?? null, errors: formatted }, rejected };
}
