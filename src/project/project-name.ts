// The project name is the target directory's name and becomes package.json's "name" (and, through
// OTEL_SERVICE_NAME and key prefixes, part of telemetry and Redis keys), so it must be a name npm accepts.
import { builtinModules } from 'node:module';
import { basename, resolve } from 'node:path';
import { quote, UsageError } from '../errors.js';

// npm's rules for a new package, as validate-npm-package-name 7 (what npm 11 runs) words them: its
// errors and its warnings alike, since npm refuses both for a new package. Its list of core modules
// is Node's builtinModules at the time of its release; this reads the running Node's.
const excluded = ['node_modules', 'favicon.ico'];
const scopedName = /^(?:@([^/]+?)[/])?([^/]+?)$/;
const coreModules = new Set(builtinModules);

/** npm's reasons why `name` cannot be the name of a new package; empty when it can. */
export function packageNameProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length === 0) problems.push('name length must be greater than zero');
  if (name.startsWith('.')) problems.push('name cannot start with a period');
  if (name.startsWith('-')) problems.push('name cannot start with a hyphen');
  if (name.startsWith('_')) problems.push('name cannot start with an underscore');
  if (name.trim() !== name) problems.push('name cannot contain leading or trailing spaces');
  for (const word of excluded) if (name.toLowerCase() === word) problems.push(`${word} is not a valid package name`);
  if (coreModules.has(name.toLowerCase())) problems.push(`${name} is a core module name`);
  if (name.length > 214) problems.push('name can no longer contain more than 214 characters');
  if (name.toLowerCase() !== name) problems.push('name can no longer contain capital letters');
  if (/[~'!()*]/.test(name.split('/').at(-1)!)) problems.push('name can no longer contain special characters ("~\'!()*")');
  if (encodeURIComponent(name) !== name) {
    const scoped = scopedName.exec(name);
    const [, scope, pkg] = scoped ?? [];
    if (pkg?.startsWith('.')) problems.push('name cannot start with a period');
    if (!(scope !== undefined && pkg !== undefined && encodeURIComponent(scope) === scope && encodeURIComponent(pkg) === pkg)) {
      problems.push('name can only contain URL-friendly characters');
    }
  }
  return problems;
}

/** A name close to `name` that npm accepts ("My API" -> "my-api"), if there is one. */
export function suggestPackageName(name: string): string | undefined {
  const candidate = name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+/, '')
    .slice(0, 214)
    .replace(/[._-]+$/, '');
  if (candidate === '') return undefined;
  const named = packageNameProblems(candidate).length === 0 ? candidate : `${candidate}-app`;
  return packageNameProblems(named).length === 0 && named !== name ? named : undefined;
}

/** Why the project in `dir` cannot be called after it (the whole one-line message), or undefined when it can. */
export function projectNameProblem(dir: string): string | undefined {
  if (dir.trim() === '') return 'The project directory is empty: give a directory name, e.g. my-api.';
  const name = basename(resolve(dir));
  const problems = packageNameProblems(name);
  if (problems.length === 0) return undefined;
  const suggestion = suggestPackageName(name);
  const instead = suggestion === undefined ? 'Choose another directory name.' : `Name the directory ${quote(suggestion)}, for example.`;
  return `Project name ${quote(name)} is not a valid npm package name: ${problems.join('; ')}. ${instead}`;
}

/** The project name for `dir` (its last path segment), or a UsageError with npm's reasons. */
export function checkProjectName(dir: string): string {
  const problem = projectNameProblem(dir);
  if (problem !== undefined) throw new UsageError(problem);
  return basename(resolve(dir));
}
