// Pino (via Fastify) options and the single per-request log line.
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { trace } from '@opentelemetry/api';
import { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { DestinationStream, LoggerOptions } from 'pino';
import type { Config } from './config.js';
import { errorForLog } from './error-log.js';
import { isProbeRequest } from './ops-paths.js';
import { redactUrl } from './url-redaction.js';

export const REQUEST_ID_HEADER = 'x-request-id';
const ACCEPTED_REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * The request headers a log line carries: an allow-list, so a credential in a header nobody thought of
 * (x-api-key, x-amz-security-token, a session cookie under a custom name) is never written. Presence
 * of credentials shows as `principal` on the line. Referer is left out: its query string is the
 * referring page's, tokens included.
 */
const LOGGED_HEADERS = [
  'accept',
  'content-length',
  'content-type',
  'host',
  'if-match',
  'if-none-match',
  'origin',
  'traceparent',
  'user-agent',
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-request-id',
] as const;

function loggedHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const name of LOGGED_HEADERS) {
    const value = headers[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

// A second line of defence for objects logged elsewhere ({ headers }, { password }, ...).
const REDACT_PATHS = [
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'headers["proxy-authorization"]',
  'headers["x-api-key"]',
  '*.password',
  '*.secret',
  '*.token',
];

/** Adds the active span's ids to every log line (log/trace correlation). */
export function traceMixin(): Record<string, string> {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

export function loggerOptions(config: Pick<Config, 'LOG_LEVEL' | 'OTEL_SERVICE_NAME'>, stream?: DestinationStream): LoggerOptions & { stream?: DestinationStream } {
  return {
    level: config.LOG_LEVEL,
    base: { service: config.OTEL_SERVICE_NAME },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    messageKey: 'msg',
    mixin: traceMixin,
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
    serializers: { err: errorForLog },
    ...(stream ? { stream } : {}),
  };
}

/** Accept a well-formed incoming request id (HTTP header, gRPC metadata), otherwise mint a UUID. */
export const acceptRequestId = (incoming: unknown): string =>
  typeof incoming === 'string' && ACCEPTED_REQUEST_ID.test(incoming) ? incoming : randomUUID();

export const genRequestId = (req: IncomingMessage): string => acceptRequestId(req.headers[REQUEST_ID_HEADER]);

/** Fastify options shared by the API server and ops-only servers. */
export function fastifyLoggingOptions(config: Pick<Config, 'LOG_LEVEL' | 'OTEL_SERVICE_NAME'>, stream?: DestinationStream): FastifyServerOptions {
  return { logger: loggerOptions(config, stream), ...requestIdOptions() };
}

/** Accepted or minted request ids, and no request logs of Fastify's own (see registerRequestLogging). */
export function requestIdOptions(): Pick<FastifyServerOptions, 'logController' | 'genReqId'> {
  return {
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'request_id' }),
    genReqId: genRequestId,
  };
}

/** Echo the request id and write exactly one line per request (probes excluded). */
export function registerRequestLogging(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    if (isProbeRequest(request)) return;
    const status = reply.statusCode;
    const line = {
      method: request.method,
      route: request.routeOptions.url ?? null,
      url: redactUrl(request.url),
      status_code: status,
      duration_ms: Math.round(reply.elapsedTime * 100) / 100,
      remote_ip: request.ip,
      user_agent: request.headers['user-agent'],
      ...(request.principal ? { principal: request.principal.subject } : {}),
      headers: loggedHeaders(request.headers),
      ...(request.failure ? { err: request.failure } : {}),
    };
    if (status >= 500) request.log.error(line, 'request failed');
    else request.log.info(line, 'request completed');
  });
}
