import fp from 'fastify-plugin';
import { createRemoteJWKSet } from 'jose';
import { ConfigError, loadConfigFrom } from '../../core/config.js';
import type { AppModule, ModuleOptions } from '../../core/context.js';
import { createJwtAuthenticator } from './authenticator.js';
import { envSpec } from './env.js';

// HS256 keys shorter than the hash output are brute-forceable; the generator writes 43 characters.
const MIN_SECRET_LENGTH = 32;

export default {
  env: envSpec,
  plugin: fp<ModuleOptions>(
    async (app, { ctx }) => {
      const { JWT_JWKS_URL, JWT_SECRET, JWT_ISSUER, JWT_AUDIENCE } = loadConfigFrom(envSpec, ctx.env);
      const { NODE_ENV } = ctx.config;
      if (JWT_JWKS_URL) {
        // jose caches the key set and refetches on an unknown kid (at most every 30 s).
        const key = createRemoteJWKSet(new URL(JWT_JWKS_URL), { timeoutDuration: 2000, cooldownDuration: 30_000 });
        app.decorate('authenticator', createJwtAuthenticator({ key, algorithms: ['RS256', 'ES256'], issuer: JWT_ISSUER, audience: JWT_AUDIENCE }));
        return;
      }
      if (!JWT_SECRET) {
        throw new ConfigError('auth-jwt: set JWT_JWKS_URL (production) or JWT_SECRET (development, see .env)');
      }
      if (JWT_SECRET.length < MIN_SECRET_LENGTH) {
        throw new ConfigError(`auth-jwt: JWT_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
      }
      if (NODE_ENV === 'production') ctx.logger.warn('auth-jwt: using the shared HS256 JWT_SECRET in production; prefer JWT_JWKS_URL');
      app.decorate(
        'authenticator',
        createJwtAuthenticator({
          key: new TextEncoder().encode(JWT_SECRET),
          algorithms: ['HS256'],
          issuer: JWT_ISSUER,
          audience: JWT_AUDIENCE,
        }),
      );
    },
    { name: 'auth-jwt' },
  ),
} satisfies AppModule;
