// RFC 9457 problem details for every error the app returns.
import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

/** Throw from anywhere (routes, services, adapters) to answer with a problem+json of this status. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail?: string,
    readonly options: { title?: string; type?: string; headers?: Record<string, string>; extensions?: Record<string, unknown> } = {},
  ) {
    super(detail ?? STATUS_CODES[status] ?? 'Error');
    this.name = 'HttpProblem';
  }
}

export function problem(status: number, detail?: string, extensions: Record<string, unknown> = {}): ProblemDetails {
  return {
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    ...(detail === undefined ? {} : { detail }),
    ...extensions,
  };
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, body: ProblemDetails): FastifyReply {
  return reply
    .code(body.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send({ ...body, instance: body.instance ?? request.url.split('?')[0], requestId: request.id });
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the error handler for 5xx so the single request log line carries it. */
    failure?: Error;
  }
}

/**
 * The client-error status an error carries: Fastify's and most plugins' `statusCode` (FST_ERR_* codes
 * included), or http-errors' `status`. Anything else is the server's fault: 500.
 */
export function errorStatus(error: { statusCode?: unknown; status?: unknown }): number {
  const status = error.statusCode ?? error.status;
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status < 600 ? status : 500;
}

function toProblem(error: FastifyError | HttpProblem): { body: ProblemDetails; headers?: Record<string, string> } {
  if (error instanceof HttpProblem) {
    const { title, type, headers, extensions } = error.options;
    const body = problem(error.status, error.detail, extensions);
    if (title) body.title = title;
    if (type) body.type = type;
    return { body, headers };
  }
  if (error.validation) {
    return {
      body: problem(400, error.message, {
        errors: error.validation.map((v) => ({ location: error.validationContext, path: v.instancePath || '/', message: v.message })),
      }),
    };
  }
  const status = errorStatus(error);
  // Never leak internals of unexpected failures.
  return { body: problem(status, status < 500 ? error.message : undefined) };
}

export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { body, headers } = toProblem(error);
    if (body.status >= 500) request.failure = error;
    if (headers) reply.headers(headers);
    return sendProblem(request, reply, body);
  });
  app.setNotFoundHandler((request, reply) => sendProblem(request, reply, problem(404, `No route for ${request.method} ${request.url.split('?')[0]}`)));
}
