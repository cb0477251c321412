// Who is calling and how often, in the same order as over HTTP: identify the caller, count the call
// (by principal, else address), then reject bad credentials, so bad tokens are counted too.
import { status } from '@grpc/grpc-js';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../core/context.js';
import type { Authenticator } from '../../core/ports.js';
import { rateLimitKey, rateLimitMessage, rateLimitPolicy, takeRateLimit } from '../../core/rate-limit.js';
import type { CallContext, Interceptor } from './call.js';
import { GrpcError } from './errors.js';

export function accessControl(app: FastifyInstance, ctx: AppContext): Interceptor {
  const policy = rateLimitPolicy(ctx.config);
  return async (call, next) => {
    let failure: unknown;
    try {
      const authorization = call.metadata.get('authorization')[0];
      call.principal = await app.authenticator.authenticate({ authorization: typeof authorization === 'string' ? authorization : undefined });
    } catch (error) {
      failure = error;
    }
    const decision = await takeRateLimit(app.rateLimitStore, rateLimitKey(call.principal, call.ip), policy, call.log);
    for (const [key, value] of Object.entries(decision?.fields ?? {})) call.trailers.set(key, value);
    if (decision?.limited) throw new GrpcError(status.RESOURCE_EXHAUSTED, rateLimitMessage(policy));
    if (failure !== undefined) throw failure;
    await next();
  };
}

/** For methods that write: UNAUTHENTICATED when the authenticator requires a principal and there is none. */
export function requirePrincipal(authenticator: Authenticator, call: CallContext): void {
  if (authenticator.required && !call.principal) throw new GrpcError(status.UNAUTHENTICATED, 'Authentication required');
}
