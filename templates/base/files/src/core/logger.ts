// Pino (via Fastify) options and the single per-request log line.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { trace } from '@opentelemetry/api';
import { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { DestinationStream, LoggerOptions } from 'pino';
import type { Config } from './config.js';
import { isProbePath } from './ops-paths.js';

export const REQUEST_ID_HEADER = 'x-request-id';
const ACCEPTED_REQUEST_ID = /^[\w.:-]{1,128}$/;

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
    ...(stream ? { stream } : {}),
  };
}

/** Accept a well-formed incoming request id (HTTP header, gRPC metadata), otherwise mint a UUID. */
export const acceptRequestId = (incoming: unknown): string =>
  typeof incoming === 'string' && ACCEPTED_REQUEST_ID.test(incoming) ? incoming : randomUUID();

export const genRequestId = (req: IncomingMessage): string => acceptRequestId(req.headers[REQUEST_ID_HEADER]);

/** Fastify options shared by the API server and ops-only servers. */
export function fastifyLoggingOptions(config: Pick<Config, 'LOG_LEVEL' | 'OTEL_SERVICE_NAME'>, stream?: DestinationStream): FastifyServerOptions {
  return {
    logger: loggerOptions(config, stream),
    // Fastify's own request logs are replaced by the single line written in registerRequestLogging.
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
    if (isProbePath(request.url)) return;
    const status = reply.statusCode;
    const line = {
      method: request.method,
      route: request.routeOptions.url ?? null,
      url: request.url,
      status_code: status,
      duration_ms: Math.round(reply.elapsedTime * 100) / 100,
      remote_ip: request.ip,
      user_agent: request.headers['user-agent'],
      ...(request.principal ? { principal: request.principal.subject } : {}),
      headers: request.headers,
      ...(request.failure ? { err: request.failure } : {}),
    };
    if (status >= 500) request.log.error(line, 'request failed');
    else request.log.info(line, 'request completed');
  });
}
