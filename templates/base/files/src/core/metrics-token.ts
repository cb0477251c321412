// METRICS_TOKEN: the bearer token a scraper must send for /metrics, compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { onRequestAsyncHookHandler } from 'fastify';
import { authenticationRequired, invalidToken } from './auth.js';

const REALM = 'metrics';
const BEARER = /^Bearer +(\S+) *$/i;

// Equal-length digests, so neither the comparison nor its length check reveals anything about the token.
const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

export function requireMetricsToken(token: string): onRequestAsyncHookHandler {
  const expected = digest(token);
  return async (request) => {
    const presented = BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (presented === undefined) throw authenticationRequired('/metrics requires a bearer token (METRICS_TOKEN).', REALM);
    if (!timingSafeEqual(digest(presented), expected)) throw invalidToken('invalid token', REALM);
  };
}
