// Runs the authenticator on every API request; routes opt into requiring a principal.
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import { HttpProblem } from './errors.js';
import { isOpsPath } from './ops-paths.js';
import type { Authenticator, Principal } from './ports.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
    /** Invalid credentials, rejected after rate limiting so bad tokens are still counted. */
    authFailure?: unknown;
  }
}

export function registerAuthentication(app: FastifyInstance, authenticator: () => Authenticator): void {
  app.decorateRequest('principal', undefined);
  app.decorateRequest('authFailure', undefined);
  app.addHook('onRequest', async (request) => {
    if (isOpsPath(request.url)) return;
    try {
      request.principal = await authenticator().authenticate({ authorization: request.headers.authorization });
    } catch (error) {
      request.authFailure = error;
    }
  });
}

/** Registered after rate limiting: turns a deferred authentication failure into its error. */
export function registerAuthFailureGate(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (request.authFailure !== undefined) throw request.authFailure;
  });
}

/** preHandler for write routes: 401 when the authenticator requires a principal and there is none. */
export function requirePrincipal(authenticator: () => Authenticator): preHandlerAsyncHookHandler {
  return async (request) => {
    if (authenticator().required && !request.principal) throw new HttpProblem(401, 'Authentication required');
  };
}
