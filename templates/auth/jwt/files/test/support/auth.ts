// What tests need from the auth module: a signing secret in the test config (never from .env) and valid Bearer headers.
import { loadConfigFrom } from '../../src/core/config.js';
import { envSpec } from '../../src/modules/auth-jwt/env.js';
import { signDevToken } from '../../src/modules/auth-jwt/sign.js';

export const authTestEnv: Record<string, string> = { JWT_SECRET: 'test-only-secret-not-for-production-0123456789' };

export async function authHeaders(options: { sub?: string; scopes?: string[] } = {}): Promise<Record<string, string>> {
  const config = loadConfigFrom(envSpec, authTestEnv);
  const token = await signDevToken({
    secret: authTestEnv.JWT_SECRET!,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    subject: options.sub ?? 'test-user',
    scopes: options.scopes ?? ['notes:read', 'notes:write'],
  });
  return { authorization: `Bearer ${token}` };
}
