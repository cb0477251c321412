// Which package manager the user ran us with (npm_config_user_agent), unless --pm says otherwise;
// and whether the chosen one is installed, found on PATH the way a shell would (nothing is spawned).
import { accessSync, constants, statSync } from 'node:fs';
import { join } from 'node:path';
import { GroundworkError, quote, UsageError } from '../errors.js';
import { didYouMean } from '../cli/suggest.js';

export const packageManagers = ['npm', 'pnpm', 'yarn', 'bun'] as const;
export type PackageManager = (typeof packageManagers)[number];
/** What --pm accepts: projects install with `npm ci` from package-lock.json (docs/decisions.md). */
export const supportedPackageManagers: readonly PackageManager[] = ['npm'];

export function detectPackageManager(userAgent = process.env.npm_config_user_agent): PackageManager {
  const name = userAgent?.split(' ')[0]?.split('/')[0];
  return packageManagers.find((pm) => pm === name) ?? 'npm';
}

/**
 * The package manager --pm names, case-insensitively ("PNPM" is pnpm), whether `accepted` or not (the
 * caller says why one is refused); a UsageError naming the nearest accepted one for anything else.
 */
export function parsePackageManager(value: string, accepted: readonly PackageManager[] = packageManagers): PackageManager {
  const pm = packageManagers.find((name) => name === value.trim().toLowerCase());
  if (pm) return pm;
  throw new UsageError(`Unknown value ${quote(value)} for --pm.${didYouMean(value.trim(), accepted)} Accepted: ${accepted.join(', ')}.`);
}

/** The command a user types to run a package script. */
export function runScript(pm: PackageManager, script: string): string {
  if (pm !== 'npm') return `${pm} ${script}`;
  return script === 'test' || script === 'start' ? `npm ${script}` : `npm run ${script}`;
}

const installHelp: Record<PackageManager, string> = {
  npm: 'it comes with Node.js: https://nodejs.org',
  pnpm: 'corepack enable pnpm, or https://pnpm.io/installation',
  yarn: 'corepack enable yarn, or https://yarnpkg.com/getting-started/install',
  bun: 'https://bun.sh/docs/installation',
};

export interface PathLookup {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

/** The executable `command` resolves to on PATH (with PATHEXT on Windows), or undefined. */
export function findExecutable(command: string, { env = process.env, platform = process.platform }: PathLookup = {}): string | undefined {
  const windows = platform === 'win32';
  const path = (windows ? (env.Path ?? env.PATH) : env.PATH) ?? '';
  const extensions = windows ? (env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean) : [''];
  for (const dir of path.split(windows ? ';' : ':')) {
    if (dir === '') continue;
    for (const extension of extensions) {
      const candidate = join(dir, command + extension);
      try {
        if (!statSync(candidate).isFile()) continue;
        if (!windows) accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here, or not executable: keep looking
      }
    }
  }
  return undefined;
}

/**
 * Throws a GroundworkError when `pm` is not on PATH, naming how to install it and which of the
 * `accepted` others are there. Call it before writing anything when dependencies are to be installed.
 */
export function checkPackageManagerInstalled(pm: PackageManager, lookup: PathLookup = {}, accepted: readonly PackageManager[] = supportedPackageManagers): void {
  if (findExecutable(pm, lookup) !== undefined) return;
  const present = accepted.filter((other) => other !== pm && findExecutable(other, lookup) !== undefined);
  const instead = present.length > 0 ? `, pass --pm ${present.join('|')}` : '';
  throw new GroundworkError(`${pm} is not installed (no "${pm}" on PATH). Install it (${installHelp[pm]})${instead}, or pass --no-install.`);
}
