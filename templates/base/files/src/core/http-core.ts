// API-only core plugins: security headers, CORS, authentication and rate limiting.
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { registerAuthentication, registerAuthFailureGate } from './auth.js';
import type { AppContext } from './context.js';
import { rateLimitPolicy, registerRateLimit } from './rate-limit.js';

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
    exposedHeaders: ['Location', 'ETag', 'RateLimit', 'RateLimit-Policy', 'Retry-After', 'X-Request-Id'],
  });
  // Order matters: identify the caller, count the hit (by principal or IP), then reject bad credentials.
  registerAuthentication(app, () => ctx.ports.authenticator);
  registerRateLimit(app, rateLimitPolicy(ctx.config), () => ctx.ports.rateLimitStore);
  registerAuthFailureGate(app);
}
