import { webcrypto } from 'node:crypto';
import { errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { authenticationRequired, invalidToken } from '../../core/auth.js';
import { HttpProblem } from '../../core/errors.js';
import type { Authenticator, Credentials, Principal } from '../../core/ports.js';
import { VerifiedTokens } from './verified-tokens.js';

export interface JwtVerifierOptions {
  key: Uint8Array | JWTVerifyGetKey;
  algorithms: string[]; // pinned: never taken from the token
  issuer: string;
  audience: string;
  clockToleranceSeconds?: number;
}

function scopesOf(payload: JWTPayload): string[] {
  if (typeof payload.scope === 'string') return payload.scope.split(' ').filter(Boolean);
  if (Array.isArray(payload.scp)) return payload.scp.filter((s): s is string => typeof s === 'string');
  return [];
}

function toProblem(err: unknown): HttpProblem {
  if (err instanceof errors.JWKSTimeout || !(err instanceof errors.JOSEError)) {
    // Key set unreachable or a bug: not the client's fault.
    return new HttpProblem(503, 'The token could not be verified right now.', { title: 'Authentication unavailable' });
  }
  if (err instanceof errors.JWTExpired) return invalidToken('token expired');
  if (err instanceof errors.JWTClaimValidationFailed) return invalidToken(`unexpected "${err.claim}" claim`);
  return invalidToken('invalid token');
}

/**
 * Given raw secret bytes, jose imports them as a CryptoKey again on every verification; import them once
 * per HMAC algorithm instead (jose has already checked the token's alg against `algorithms`).
 */
function importedOnce(secret: Uint8Array): JWTVerifyGetKey {
  const keys = new Map<string, Promise<webcrypto.CryptoKey>>();
  return ({ alg }) => {
    let key = keys.get(alg);
    if (!key) {
      key = webcrypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: `SHA-${alg.slice(2)}` }, false, ['verify']);
      keys.set(alg, key);
    }
    return key;
  };
}

export function createJwtAuthenticator(o: JwtVerifierOptions): Authenticator {
  const verifyOptions = {
    algorithms: o.algorithms,
    issuer: o.issuer,
    audience: o.audience,
    clockTolerance: o.clockToleranceSeconds ?? 5,
    requiredClaims: ['exp', 'sub'],
  };
  const getKey: JWTVerifyGetKey = o.key instanceof Uint8Array ? importedOnce(o.key) : o.key;
  const verified = new VerifiedTokens();
  return {
    required: true,
    async authenticate({ authorization: header }: Credentials): Promise<Principal | undefined> {
      if (header === undefined || header === '') return undefined;
      const [scheme, token, extra] = header.split(' ');
      // Another scheme (Basic, ...) is no bearer token at all: a bare challenge, without an error code.
      if (scheme?.toLowerCase() !== 'bearer') throw authenticationRequired('expected "Authorization: Bearer <token>"');
      if (!token || extra !== undefined) throw invalidToken('expected "Authorization: Bearer <token>"');
      const known = verified.get(token);
      if (known) return known;
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, getKey, verifyOptions));
      } catch (err) {
        throw toProblem(err);
      }
      return verified.remember(token, { subject: payload.sub!, scopes: scopesOf(payload), claims: payload }, payload.exp!);
    },
  };
}
