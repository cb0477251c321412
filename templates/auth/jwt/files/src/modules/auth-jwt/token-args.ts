// The arguments of `npm run token`, parsed without exiting, so bad ones can be reported as usage errors.
import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';

export const TOKEN_USAGE = 'usage: npm run token -- [--sub <subject>] [--scope <scope>]... [--ttl <time span, e.g. 30m, 1h, 7d>]';

export type TokenArgs = { help: true } | { help: false; sub: string; scopes: string[]; ttl: string };

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Whatever jose accepts as an expiration time span (`1h`, `30 minutes`, `7d`, ...), asked of jose itself. */
function isTimeSpan(value: string): boolean {
  try {
    new SignJWT({}).setExpirationTime(value);
    return true;
  } catch {
    return false;
  }
}

/** Throws UsageError naming the bad argument. */
export function parseTokenArgs(argv: string[]): TokenArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        sub: { type: 'string', default: 'dev' },
        scope: { type: 'string', multiple: true, default: [] },
        ttl: { type: 'string', default: '1h' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    // node:util's messages name the option ("Unknown option '--bogus'..."); its stack is no help here.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { help: true };
  if (values.sub.trim() === '') throw new UsageError('--sub must not be empty');
  if (!isTimeSpan(values.ttl.trim())) throw new UsageError(`--ttl "${values.ttl}" is not a time span such as 30m, 1h or 7d`);
  const scopes = values.scope.flatMap((s) => s.split(/[\s,]+/)).filter(Boolean);
  return { help: false, sub: values.sub, scopes, ttl: values.ttl.trim() };
}
