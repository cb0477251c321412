import { SignJWT } from 'jose';

export interface DevTokenOptions {
  secret: string;
  issuer: string;
  audience: string;
  subject: string;
  scopes?: string[];
  expiresIn?: string | number; // jose time span, e.g. "1h"
  claims?: Record<string, unknown>;
}

/** HS256 token as the auth module accepts it in development (JWT_SECRET). */
export const signDevToken = (o: DevTokenOptions): Promise<string> =>
  new SignJWT({ ...o.claims, ...(o.scopes?.length ? { scope: o.scopes.join(' ') } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(o.issuer)
    .setAudience(o.audience)
    .setSubject(o.subject)
    .setIssuedAt()
    .setExpirationTime(o.expiresIn ?? '1h')
    .sign(new TextEncoder().encode(o.secret));
