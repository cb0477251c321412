// Reads groundwork.json: the record of what was generated in a project. It is a file users (and
// merges, and editors) can break, and its name and paths reach package.json, Redis key prefixes and
// file reads, so every field is checked before anything uses it.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findManifest } from '../catalog/lookup.js';
import type { ModuleManifest } from '../catalog/types.js';
import { GROUNDWORK_JSON, type GroundworkJson } from '../compose/compose.js';
import { generatedEnvValues } from '../compose/outputs/env.js';
import { GroundworkError, quote } from '../errors.js';
import { resourcesProblems, SAMPLE_RESOURCE } from '../resources/resource.js';
import { jobsProblems } from '../units/job.js';
import { routesProblems } from '../units/route.js';
import { packageNameProblems } from './project-name.js';
import { describe, expected, isRecord } from '../json-problems.js';

/** What `hashContents` records: "sha256-" and the 32-byte digest in base64. */
const fileHash = /^sha256-[A-Za-z0-9+/]{43}=$/;
const moduleId = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)?$/;
const categoryId = /^[a-z][a-z0-9-]*$/;

/** A path inside the project: relative, "/"-separated, no "." or ".." segment, no control characters. */
function pathProblem(path: string): string | undefined {
  if (path === '') return 'is empty';
  if (/[\u0000-\u001f\u007f\\]/.test(path)) return 'contains a backslash or a control character';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'is absolute';
  if (path.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) return 'has an empty, "." or ".." segment';
  if (path === GROUNDWORK_JSON) return 'is groundwork.json itself';
  return undefined;
}

/** Every problem of a parsed groundwork.json, each naming its field; empty when it is a sound record. */
export function groundworkJsonProblems(value: unknown): string[] {
  if (!isRecord(value)) return [`the file holds ${describe(value)}, not an object`];
  const problems: string[] = [];
  if (value.generator !== 'create-groundwork') problems.push(expected('"generator"', '"create-groundwork"', value.generator));
  if (typeof value.version !== 'string' || value.version.trim() === '') problems.push(expected('"version"', 'the generator version', value.version));

  // Reaches package.json (a script, shell-quoted there): a version, or file: and an absolute path.
  if (value.generatorSpec !== undefined && (typeof value.generatorSpec !== 'string' || !/^(\d+\.\d+\.\d+\S*|file:\/[^\u0000-\u001f\u007f]+)$/.test(value.generatorSpec))) {
    problems.push(expected('"generatorSpec"', 'a version or "file:" and an absolute path', value.generatorSpec));
  }

  if (typeof value.name !== 'string') problems.push(expected('"name"', 'the package name', value.name));
  else {
    const reasons = value.name.includes('/') ? ['a project name has no "/"'] : packageNameProblems(value.name);
    if (reasons.length > 0) problems.push(`"name" ${quote(value.name)} is not a valid npm package name: ${reasons.join('; ')}`);
  }

  if (!isRecord(value.stack)) problems.push(expected('"stack"', 'an object of category -> option ids', value.stack));
  else {
    for (const [category, options] of Object.entries(value.stack)) {
      const field = (index = '') => `"stack.${category}${index}"`;
      if (!categoryId.test(category)) problems.push(`"stack" has a key ${quote(category)} that is not a category id`);
      else if (!Array.isArray(options) || options.length === 0) problems.push(expected(field(), 'a non-empty array of option ids', options));
      else {
        const bad = options.findIndex((option) => typeof option !== 'string' || !categoryId.test(option));
        if (bad !== -1) problems.push(expected(field(`[${bad}]`), 'an option id', options[bad]));
      }
    }
  }

  // Absent in records from before resources were generated: those projects have the sample alone.
  if (value.resources !== undefined) problems.push(...resourcesProblems(value.resources));
  // Absent in records from before jobs and routes were generated: none.
  if (value.jobs !== undefined) problems.push(...jobsProblems(value.jobs));
  if (value.routes !== undefined) {
    const resources = Array.isArray(value.resources) ? value.resources.filter((r) => isRecord(r) && typeof r.name === 'string') : [SAMPLE_RESOURCE];
    problems.push(...routesProblems(value.routes, resources as { name: string }[]));
  }

  if (!Array.isArray(value.modules)) problems.push(expected('"modules"', 'an array of module ids', value.modules));
  else {
    const bad = value.modules.findIndex((id) => typeof id !== 'string' || !moduleId.test(id));
    if (bad !== -1) problems.push(expected(`"modules[${bad}]"`, 'a module id such as "cache/redis"', value.modules[bad]));
    else if (new Set(value.modules).size !== value.modules.length) problems.push('"modules" lists a module twice');
  }

  if (!isRecord(value.files)) problems.push(expected('"files"', 'an object of path -> hash', value.files));
  else {
    for (const [path, hash] of Object.entries(value.files)) {
      const problem = pathProblem(path);
      if (problem !== undefined) problems.push(`"files" has a path ${quote(path)} that ${problem}`);
      else if (typeof hash !== 'string' || !fileHash.test(hash)) problems.push(expected(`files[${quote(path)}]`, 'a "sha256-<base64>" hash', hash));
    }
  }
  return problems;
}

/** `value` as a GroundworkJson, or a one-line GroundworkError naming the first bad field. */
export function parseGroundworkJson(value: unknown, path: string = GROUNDWORK_JSON): GroundworkJson {
  const problems = groundworkJsonProblems(value);
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    throw new GroundworkError(`${path} is not a valid create-groundwork record: ${problems[0]}${more}. Restore it from git before running groundwork.`);
  }
  const record = value as Omit<GroundworkJson, 'resources' | 'jobs' | 'routes'> & Partial<Pick<GroundworkJson, 'resources' | 'jobs' | 'routes'>>;
  return { ...record, resources: record.resources ?? [SAMPLE_RESOURCE], jobs: record.jobs ?? [], routes: record.routes ?? [] };
}

export async function readGroundworkJson(projectDir: string): Promise<GroundworkJson> {
  const path = join(projectDir, GROUNDWORK_JSON);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new GroundworkError(`${projectDir} is not a groundwork project (no ${GROUNDWORK_JSON}). Run this inside a project made by create-groundwork.`);
    }
    if (code === 'EISDIR' || code === 'EACCES' || code === 'EPERM') throw new GroundworkError(`Cannot read ${path} (${code}).`);
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new GroundworkError(`${path} is not valid JSON; restore it from git before running groundwork.`);
  }
  return parseGroundworkJson(parsed, path);
}

/**
 * Every file create-groundwork wrote for this record, sorted: the recorded files, groundwork.json
 * itself, and .env when a module generates a secret into it. `create` reports this count and `info`
 * shows the same one.
 */
export function generatedFiles(record: GroundworkJson): string[] {
  const manifests = record.modules.map((id) => findManifest(id)).filter((m): m is ModuleManifest => m !== undefined);
  const env = Object.keys(generatedEnvValues(manifests, () => '')).length > 0 ? ['.env'] : [];
  return [...Object.keys(record.files), GROUNDWORK_JSON, ...env].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
