// Type-checks composed projects with their own tsconfig files against one shared node_modules that
// holds the union of every combination's dependencies. Combinations whose type-relevant files are
// byte-identical are checked once: the key is a hash over exactly those files.
import { execa } from 'execa';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { node24Env } from '../../test/support/node24.js';

/** What tsc reads: sources, tsconfig files, and package.json (it decides which types resolve). */
const typeRelevant = (path: string) => path.endsWith('.ts') || /(^|\/)tsconfig[\w.-]*\.json$/.test(path) || path === 'package.json';

export function typeKey(files: ReadonlyMap<string, string>): string {
  const hash = createHash('sha256');
  for (const [path, contents] of [...files].filter(([path]) => typeRelevant(path)).sort(([a], [b]) => a.localeCompare(b))) {
    hash.update(`${path}\0${contents}\0`);
  }
  return hash.digest('hex').slice(0, 16);
}

/** Installs (once per distinct union) the dependencies of every given package.json into root/node_modules. */
export async function installUnion(root: string, packageJsons: readonly string[]): Promise<void> {
  const union: Record<string, string> = {};
  const overrides: Record<string, unknown> = {};
  for (const text of packageJsons) {
    const pkg = JSON.parse(text) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string>; overrides?: Record<string, unknown> };
    Object.assign(union, pkg.dependencies, pkg.devDependencies);
    Object.assign(overrides, pkg.overrides);
  }
  delete union['create-groundwork']; // the generator itself: not needed to type-check
  const manifest = `${JSON.stringify({ private: true, type: 'module', dependencies: union, overrides }, null, 2)}\n`;
  const stamp = createHash('sha256').update(manifest).digest('hex');
  const stampFile = join(root, 'node_modules', '.union-stamp');
  if (existsSync(stampFile) && (await readFile(stampFile, 'utf8')) === stamp) return;
  await mkdir(root, { recursive: true });
  await writeFile(join(root, 'package.json'), manifest);
  const result = await execa('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: root, env: node24Env(), all: true, reject: false, stdin: 'ignore' });
  if (result.exitCode !== 0) throw new Error(`npm install of the dependency union failed:\n${result.all}`);
  await writeFile(stampFile, stamp);
}

export async function writeProject(dir: string, files: ReadonlyMap<string, string>): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  for (const [path, contents] of files) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), contents);
  }
}

/** Runs the project's tsconfig.json and test/tsconfig.json; returns the first error lines, or [] when clean. */
export async function typecheckProject(root: string, dir: string): Promise<string[]> {
  const tsc = join(root, 'node_modules', '.bin', 'tsc');
  const errors: string[] = [];
  for (const config of ['tsconfig.json', 'test/tsconfig.json']) {
    if (!existsSync(join(dir, config))) continue;
    const run = await execa(tsc, ['--noEmit', '-p', config], { cwd: dir, env: node24Env(), all: true, reject: false, stdin: 'ignore' });
    if (run.exitCode !== 0) errors.push(...(run.all ?? `tsc exited ${run.exitCode}`).split('\n').slice(0, 10));
  }
  return errors;
}
