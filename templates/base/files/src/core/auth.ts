// Runs the authenticator on every API request; routes opt into requiring a principal.
import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';
import { HttpProblem } from './errors.js';
import { isOpsRequest } from './ops-paths.js';
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
    if (isOpsRequest(request)) return;
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

/**
 * An RFC 6750 `WWW-Authenticate` value: a bare `Bearer` challenge when no token was presented,
 * `error="invalid_token"` (and a description) when the presented one was refused.
 */
export function bearerChallenge(options: { realm?: string; error?: 'invalid_token'; description?: string } = {}): string {
  // RFC 6750 allows printable ASCII except '"' and '\' in these values.
  const quoted = (value: string) => `"${value.replaceAll('"', "'").replace(/[^\x20-\x7e]|\\/g, '')}"`;
  const params = [
    ...(options.realm ? [`realm=${quoted(options.realm)}`] : []),
    ...(options.error ? [`error=${quoted(options.error)}`] : []),
    ...(options.description ? [`error_description=${quoted(options.description)}`] : []),
  ];
  return params.length === 0 ? 'Bearer' : `Bearer ${params.join(', ')}`;
}

/** 401 for a request that presented no credentials where they are required. */
export const authenticationRequired = (detail = 'Authentication required', realm?: string): HttpProblem =>
  new HttpProblem(401, detail, { headers: { 'www-authenticate': bearerChallenge({ realm }) } });

/** 401 for credentials that were presented and refused. */
export const invalidToken = (detail: string, realm?: string): HttpProblem =>
  new HttpProblem(401, detail, { headers: { 'www-authenticate': bearerChallenge({ realm, error: 'invalid_token', description: detail }) } });

/**
 * For write routes, as their route-level onRequest hook (after the core one that authenticates): 401 when
 * the authenticator requires a principal and there is none, before the body is even parsed (an anonymous
 * client learns nothing of the schema).
 */
export function requirePrincipal(authenticator: () => Authenticator): onRequestAsyncHookHandler {
  return async (request) => {
    if (authenticator().required && !request.principal) throw authenticationRequired();
  };
}
