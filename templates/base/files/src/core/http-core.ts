// API-only core plugins: security headers, CORS, authentication and rate limiting.
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { registerAuthentication, registerAuthFailureGate } from './auth.js';
import type { AppContext } from './context.js';
import { rateLimitPolicy, registerRateLimit } from './rate-limit.js';

/** The methods the generated APIs use (add PUT with your first PUT route). */
const CORS_METHODS = ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE', 'OPTIONS'];
/** Credentials, bodies, conditional reads (ETag), and the ids that correlate a browser's request with logs and traces. */
const CORS_REQUEST_HEADERS = ['Authorization', 'Content-Type', 'If-None-Match', 'X-Request-Id', 'Traceparent', 'Tracestate'];
/** What a client reads from responses: created resources, ETags, rate-limit state, the request id. */
const CORS_EXPOSED_HEADERS = ['Location', 'ETag', 'RateLimit', 'RateLimit-Policy', 'Retry-After', 'X-Request-Id'];
const CORS_PREFLIGHT_MAX_AGE_SECONDS = 600;

function corsOrigin(value: string | undefined): boolean | string | string[] {
  if (!value) return false;
  if (value === '*') return true;
  const origins = value.split(',').map((o) => o.trim()).filter(Boolean);
  return origins.length === 1 ? origins[0]! : origins;
}

export async function registerHttpCore(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(helmet, { global: true });
  await app.register(cors, {
    origin: corsOrigin(ctx.config.CORS_ORIGIN),
    // @fastify/cors allows only GET, HEAD and POST unless told: a browser could not PATCH or DELETE.
    methods: CORS_METHODS,
    allowedHeaders: CORS_REQUEST_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    maxAge: CORS_PREFLIGHT_MAX_AGE_SECONDS,
  });
  // Order matters: identify the caller, count the hit (by principal or IP), then reject bad credentials.
  registerAuthentication(app, () => app.authenticator);
  registerRateLimit(app, rateLimitPolicy(ctx.config), () => app.rateLimitStore);
  registerAuthFailureGate(app);
}
