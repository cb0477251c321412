// Import specifiers of a TypeScript file, and whether each one resolves in a generated project.
import { builtinModules } from 'node:module';
import { posix } from 'node:path';

const IMPORT = /(?:^|[\s;])(?:import|export)\s(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

export function importSpecifiers(source: string): string[] {
  return [...source.matchAll(IMPORT)].map((match) => (match[1] ?? match[2])!);
}

const builtins = new Set(builtinModules);

/** Names an npm package: neither relative nor a Node builtin. */
export const isPackageSpecifier = (specifier: string) => !specifier.startsWith('.') && !specifier.startsWith('node:') && !builtins.has(specifier);

const TS_FOR_JS: Record<string, string[]> = { '.js': ['.ts', '.d.ts'], '.mjs': ['.mts', '.d.mts'], '.cjs': ['.cts', '.d.cts'] };

/** `./x.js` names x.ts (or x.d.ts) when the project has it, else the exact file. undefined: no such file. */
export function resolveRelative(from: string, specifier: string, files: ReadonlyMap<string, string>): string | undefined {
  const target = posix.normalize(posix.join(posix.dirname(from), specifier));
  if (target.startsWith('../')) return undefined; // leaves the project
  const extension = posix.extname(target);
  const sources = (TS_FOR_JS[extension] ?? []).map((ts) => target.slice(0, -extension.length) + ts);
  return [...sources, target].find((path) => files.has(path));
}

/** `@scope/name/sub` -> `@scope/name`, `name/sub` -> `name`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** The problem with one import of `file`, or undefined when it resolves. */
export function importProblem(file: string, specifier: string, files: ReadonlyMap<string, string>, declared: ReadonlySet<string>): string | undefined {
  if (specifier.startsWith('.')) {
    const target = posix.join(posix.dirname(file), specifier);
    // The build compiles src/ alone (rootDir src): the matrix type-checks src and test in one program.
    if (file.startsWith('src/') && !target.startsWith('src/')) return `${file}: import "${specifier}" leaves src/, the build's rootDir`;
    return resolveRelative(file, specifier, files) ? undefined : `${file}: import "${specifier}" resolves to no generated file`;
  }
  if (!isPackageSpecifier(specifier)) return undefined;
  const name = packageName(specifier);
  return declared.has(name) ? undefined : `${file}: import "${specifier}" needs "${name}" in package.json`;
}
