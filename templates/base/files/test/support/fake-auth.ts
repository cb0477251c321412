// A test-only auth module: "Bearer good-token" is user-1, any other credentials are rejected.
import { defineModule } from '../../src/core/context.js';
import { HttpProblem } from '../../src/core/errors.js';

export const fakeAuthModule = defineModule({
  name: 'fake-auth',
  kind: 'infra',
  register(_app, ctx) {
    ctx.ports.authenticator = {
      required: true,
      async authenticate({ authorization: header }) {
        if (!header) return undefined;
        if (header === 'Bearer good-token') return { subject: 'user-1', scopes: [], claims: {} };
        throw new HttpProblem(401, 'invalid token', { headers: { 'www-authenticate': 'Bearer error="invalid_token"' } });
      },
    };
  },
});
