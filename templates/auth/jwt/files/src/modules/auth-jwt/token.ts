// `npm run token -- --sub alice --scope notes:write [--scope more] [--ttl 1h]`
// Prints a dev JWT (HS256, JWT_SECRET from the environment or .env) as the last line of stdout.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfigFrom } from '../../core/config.js';
import { envSpec } from './env.js';
import { signDevToken } from './sign.js';

const { values } = parseArgs({
  options: {
    sub: { type: 'string', default: 'dev' },
    scope: { type: 'string', multiple: true, default: [] },
    ttl: { type: 'string', default: '1h' },
  },
});
let config;
try {
  config = loadConfigFrom(envSpec, process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`token: invalid configuration: ${error.message}`);
  process.exit(1);
}
if (!config.JWT_SECRET) {
  console.error('token: JWT_SECRET is not set (it is generated into .env at project creation)');
  process.exit(1);
}
const scopes = values.scope.flatMap((s) => s.split(/[\s,]+/)).filter(Boolean);
const token = await signDevToken({
  secret: config.JWT_SECRET,
  issuer: config.JWT_ISSUER,
  audience: config.JWT_AUDIENCE,
  subject: values.sub,
  scopes,
  expiresIn: values.ttl,
});
console.log(`# sub=${values.sub} scope="${scopes.join(' ')}" expires in ${values.ttl}`);
console.log(token);
