// Every failure a client sees is a gRPC status: domain errors keep their meaning, unexpected ones say nothing.
import { Metadata, status } from '@grpc/grpc-js';
import { HttpProblem } from '../../core/errors.js';

/** Throw from a handler or an interceptor to end the call with this status. */
export class GrpcError extends Error {
  constructor(
    readonly code: status,
    message: string,
    readonly metadata?: Metadata,
  ) {
    super(message);
    this.name = 'GrpcError';
  }
}

const CODE_BY_HTTP_STATUS: Record<number, status> = {
  400: status.INVALID_ARGUMENT,
  401: status.UNAUTHENTICATED,
  403: status.PERMISSION_DENIED,
  404: status.NOT_FOUND,
  409: status.FAILED_PRECONDITION, // a delete refused while other records refer to it
  412: status.FAILED_PRECONDITION,
  413: status.RESOURCE_EXHAUSTED,
  422: status.INVALID_ARGUMENT,
  429: status.RESOURCE_EXHAUSTED,
  501: status.UNIMPLEMENTED,
  503: status.UNAVAILABLE,
  504: status.DEADLINE_EXCEEDED,
};

export interface CallStatus {
  code: status;
  details: string;
  metadata: Metadata;
  /** A failure of the server, not of the request: logged with its stack, never shown. */
  unexpected?: Error;
}

function metadataOf(fields: Record<string, string> | undefined): Metadata {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(fields ?? {})) metadata.set(key.toLowerCase(), value);
  return metadata;
}

export function statusOf(error: unknown): CallStatus {
  if (error instanceof GrpcError) return { code: error.code, details: error.message, metadata: error.metadata ?? new Metadata() };
  if (error instanceof HttpProblem) {
    const mapped = CODE_BY_HTTP_STATUS[error.status] ?? (error.status < 500 ? status.FAILED_PRECONDITION : undefined);
    // Headers travel as metadata of the same name: WWW-Authenticate of a rejected token, the retry-after
    // of a database outage (503: UNAVAILABLE, logged with its cause as it is not the client's doing).
    const known = { details: error.detail ?? error.message, metadata: metadataOf(error.options.headers) };
    if (mapped !== undefined) return { code: mapped, ...known, ...(error.status >= 500 ? { unexpected: error } : {}) };
  }
  const unexpected = error instanceof Error ? error : new Error(String(error));
  return { code: status.INTERNAL, details: 'Internal server error', metadata: new Metadata(), unexpected };
}

/** Codes that mean the server failed, logged at error level (the rest are the client's doing or its choice). */
export const SERVER_FAULTS: ReadonlySet<status> = new Set([status.UNKNOWN, status.INTERNAL, status.DATA_LOSS, status.UNIMPLEMENTED]);

/**
 * Codes that mark a server span as failed, per OpenTelemetry's RPC conventions: wider than
 * SERVER_FAULTS, since a deadline or an unavailable dependency is an error of the call even when
 * nothing in the server broke.
 */
export const SPAN_ERROR_CODES: ReadonlySet<status> = new Set([status.UNKNOWN, status.DEADLINE_EXCEEDED, status.UNIMPLEMENTED, status.INTERNAL, status.UNAVAILABLE, status.DATA_LOSS]);
