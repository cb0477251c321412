// `npm run token -- --sub alice --scope notes:write [--scope more] [--ttl 1h]`
// Prints a dev JWT (HS256, JWT_SECRET from the environment or .env) as the last line of stdout.
// Bad arguments: one line naming them and the usage, exit code 2; --help: the usage, exit code 0.
import { ConfigError, loadConfigFrom } from '../../core/config.js';
import { envSpec } from './env.js';
import { signDevToken } from './sign.js';
import { parseTokenArgs, TOKEN_USAGE, UsageError, type TokenArgs } from './token-args.js';

let args: TokenArgs;
try {
  args = parseTokenArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`token: ${error.message}\n${TOKEN_USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(TOKEN_USAGE);
  process.exit(0);
}
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
const token = await signDevToken({
  secret: config.JWT_SECRET,
  issuer: config.JWT_ISSUER,
  audience: config.JWT_AUDIENCE,
  subject: args.sub,
  scopes: args.scopes,
  expiresIn: args.ttl,
});
console.log(`# sub=${args.sub} scope="${args.scopes.join(' ')}" expires in ${args.ttl}`);
console.log(token);
