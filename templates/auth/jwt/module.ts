import { defineModule } from '../../define.js';

export default defineModule({
  id: 'auth/jwt',
  title: 'JWT authentication',
  dependencies: ['jose'],
  // A development tool, run from source.
  scripts: { token: 'node --env-file-if-exists=.env --import tsx src/modules/auth-jwt/token.ts' },
  fills: 'Authenticator',
  env: [
    { name: 'JWT_ISSUER', type: 'string', default: '{{projectName}}', doc: 'Expected "iss" claim' },
    { name: 'JWT_AUDIENCE', type: 'string', default: '{{projectName}}', doc: 'Expected "aud" claim' },
    { name: 'JWT_JWKS_URL', type: 'url', doc: 'JWKS URL of your identity provider (production); tokens must then be RS256/ES256; takes precedence over JWT_SECRET', example: 'https://idp.example.com/.well-known/jwks.json' },
    { name: 'JWT_SECRET', type: 'string', secret: true, generate: 'secret', doc: 'HS256 secret (at least 32 characters) for development tokens; generated into .env' },
  ],
  register: { name: 'authJwt', from: './modules/auth-jwt/index.js' },
});
