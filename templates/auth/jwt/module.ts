import { defineModule } from '../../define.js';

export default defineModule({
  id: 'auth/jwt',
  title: 'JWT authentication',
  dependencies: ['jose'],
  scripts: { token: 'node --env-file-if-exists=.env --import tsx src/modules/auth-jwt/token.ts' },
  fills: 'Authenticator',
  env: [
    { name: 'JWT_ISSUER', type: 'string', default: '{{projectName}}', doc: 'Expected "iss" claim' },
    { name: 'JWT_AUDIENCE', type: 'string', default: '{{projectName}}', doc: 'Expected "aud" claim' },
    { name: 'JWT_JWKS_URL', type: 'url', doc: 'JWKS of your identity provider (production); tokens are then RS256/ES256' },
    { name: 'JWT_SECRET', type: 'string', secret: true, generate: 'secret', doc: 'HS256 secret for development tokens (generated into .env)' },
  ],
  register: { name: 'authJwt', from: './modules/auth-jwt/index.js' },
});
