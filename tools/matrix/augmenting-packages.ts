// Installed packages whose types change other modules' types or the global scope (`declare global`,
// `declare module 'fastify'` in @fastify/swagger...): a program that loads one sees different types
// everywhere, so file sets that load different ones must never share a check. A package counts as
// loaded by a set when the set imports it or a package it imports depends on it (package.json), which
// can only over-count.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageName } from './imports.js';

const AUGMENTS = /\bdeclare\s+global\b|\bdeclare\s+module\s+['"]([^'"]+)['"]/g;
const DECLARATION_FILE = /\.d\.[mc]?ts$/;

export interface PackageGraph {
  augmenting: ReadonlySet<string>;
  dependencies: ReadonlyMap<string, readonly string[]>;
}

function packageDirs(nodeModules: string): string[] {
  return readdirSync(nodeModules)
    .filter((name) => !name.startsWith('.'))
    .flatMap((name) => (name.startsWith('@') ? readdirSync(join(nodeModules, name)).map((inner) => `${name}/${inner}`) : [name]));
}

function declarationFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : declarationFiles(join(dir, entry.name));
    return DECLARATION_FILE.test(entry.name) ? [join(dir, entry.name)] : [];
  });
}

/**
 * Augments the global scope, or a module other than its own that a program can load: an installed
 * package or a wildcard pattern. Its own ambient `declare module '<its name>'`, and augmentations of
 * packages that are not installed (drizzle-orm's of knex), change nothing.
 */
function augments(name: string, dir: string, installed: ReadonlySet<string>): boolean {
  const effective = (target: string | undefined) =>
    target === undefined || target.includes('*') || (!target.startsWith('.') && packageName(target) !== name && installed.has(packageName(target)));
  return declarationFiles(dir).some((file) => [...readFileSync(file, 'utf8').matchAll(AUGMENTS)].some(([, target]) => effective(target)));
}

export function scanPackages(nodeModules: string): PackageGraph {
  const installed = new Set(packageDirs(nodeModules).filter((name) => existsSync(join(nodeModules, name, 'package.json'))));
  const augmenting = new Set<string>();
  const dependencies = new Map<string, string[]>();
  for (const name of installed) {
    const dir = join(nodeModules, name);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: object; peerDependencies?: object; optionalDependencies?: object };
    dependencies.set(name, Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies, ...pkg.optionalDependencies }));
    if (augments(name, dir, installed)) augmenting.add(name);
  }
  return { augmenting, dependencies };
}

/** The augmenting packages a set may load: reached from its bare imports through package dependencies. */
export function loadedAugmenting(bareImports: Iterable<string>, graph: PackageGraph): string[] {
  const seen = new Set<string>();
  const stack = [...bareImports].map(packageName);
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    stack.push(...(graph.dependencies.get(name) ?? []));
  }
  return [...seen].filter((name) => graph.augmenting.has(name)).sort();
}
