// A test-only auth module: "Bearer good-token" is user-1, any other credentials are rejected.
import type { AppModule } from '../../src/core/context.js';
import { HttpProblem } from '../../src/core/errors.js';
import { moduleName, testModule } from './modules.js';

const fakeAuthModule = testModule('fake-auth', (app) => {
  app.decorate('authenticator', {
    required: true,
    async authenticate({ authorization: header }) {
      if (!header) return undefined;
      if (header === 'Bearer good-token') return { subject: 'user-1', scopes: [], claims: {} };
      throw new HttpProblem(401, 'invalid token', { headers: { 'www-authenticate': 'Bearer error="invalid_token"' } });
    },
  });
});

/**
 * The modules with the fake authenticator in place of the stack's auth module (a port is decorated once).
 * A module is named after its catalog id (auth/jwt is auth-jwt), so the auth module is the one named auth-….
 */
export const withFakeAuth = (modules: AppModule[]): AppModule[] => [fakeAuthModule, ...modules.filter((module) => !moduleName(module)?.startsWith('auth-'))];
