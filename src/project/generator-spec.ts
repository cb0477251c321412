// How a generated project refers to the generator that made it (its devDependency and the
// `groundwork` script). A version on a registry is pinned exactly; a generator that came from a
// packed tarball or a checkout is referred to where it is (`file:`), since no registry has it.
// See docs/decisions.md ("How a project finds its generator").
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { shellQuote } from '../shell-quote.js';

export interface GeneratorSpec {
  /** The devDependency value: `0.1.0`, `file:/abs/create-groundwork-0.1.0.tgz` or `file:/abs/checkout`. */
  spec: string;
  /** Where it came from, for the CLI's note. */
  source: 'registry' | 'tarball' | 'directory' | 'git' | 'unknown';
}

const NAME = 'create-groundwork';

interface LockEntry {
  resolved?: string;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Reads npm's hidden lockfile beside the installed package (node_modules/.package-lock.json, written
 * by npm for a project install and for the `npm exec` cache alike) to learn what it was installed from.
 */
function installedFrom(packageRoot: string): string | undefined {
  const nodeModules = dirname(packageRoot);
  const lock = readJson(join(nodeModules, '.package-lock.json')) as { packages?: Record<string, LockEntry> } | undefined;
  return lock?.packages?.[`node_modules/${NAME}`]?.resolved;
}

export function generatorSpecOf(packageRoot: string, version: string): GeneratorSpec {
  if (basename(dirname(packageRoot)) !== 'node_modules') {
    // A checkout (git clone, or a directory someone packed from): not installed by any package manager.
    return { spec: `file:${packageRoot}`, source: 'directory' };
  }
  const resolved = installedFrom(packageRoot);
  if (resolved === undefined) return { spec: version, source: 'unknown' };
  if (/^https?:\/\//.test(resolved)) return { spec: version, source: 'registry' };
  if (resolved.startsWith('file:')) {
    // Relative to the folder holding node_modules (the npm exec cache entry, or a project).
    const path = resolve(dirname(dirname(packageRoot)), resolved.slice('file:'.length));
    return { spec: `file:${path}`, source: existsSync(path) && !path.endsWith('.tgz') ? 'directory' : 'tarball' };
  }
  return { spec: resolved, source: 'git' };
}

/**
 * The `groundwork` script of a generated project: `npm exec` runs the project's own installed copy
 * when it satisfies the spec, and otherwise fetches exactly that spec, so the command reaches this
 * generator whether or not the project is installed (`npx groundwork` alone would fetch an unrelated
 * package of that name from the registry when the project is not installed).
 */
export const groundworkScript = (spec: string): string => `npm exec --yes --package=${shellQuote(`${NAME}@${spec}`)} -- groundwork`;

/** A spec a registry serves (an exact version), as opposed to a path or a URL. */
export const isRegistrySpec = (spec: string): boolean => /^\d+\.\d+\.\d+(-[\w.-]+)?$/.test(spec);

/**
 * What package.json gets: always the script; the devDependency only for a registry version. A path
 * (tarball, checkout) as a dependency would break `npm ci` wherever that path does not exist: in the
 * Docker build, in CI, on a colleague's machine.
 */
export function generatorEntries(spec: string): { scripts: Record<string, string>; devDependencies: Record<string, string> } {
  return { scripts: { groundwork: groundworkScript(spec) }, devDependencies: isRegistrySpec(spec) ? { [NAME]: spec } : {} };
}

/** The spec a project already uses: its package.json devDependency, if any. */
export function projectGeneratorSpec(packageJson: string | undefined): string | undefined {
  if (packageJson === undefined) return undefined;
  try {
    const spec = (JSON.parse(packageJson) as { devDependencies?: Record<string, unknown> }).devDependencies?.[NAME];
    return typeof spec === 'string' && spec.trim() !== '' ? spec : undefined;
  } catch {
    return undefined;
  }
}
