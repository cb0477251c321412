// A test-only auth module: "Bearer good-token" is user-1, any other credentials are rejected.
import { HttpProblem } from '../../src/core/errors.js';
import { testModule } from './app.js';

export const fakeAuthModule = testModule('fake-auth', (_app, ctx) => {
  ctx.ports.authenticator = {
    required: true,
    async authenticate({ authorization: header }) {
      if (!header) return undefined;
      if (header === 'Bearer good-token') return { subject: 'user-1', scopes: [], claims: {} };
      throw new HttpProblem(401, 'invalid token', { headers: { 'www-authenticate': 'Bearer error="invalid_token"' } });
    },
  };
});
