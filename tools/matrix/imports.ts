// Import specifiers of a TypeScript file, and whether each one resolves in a generated project.
import { builtinModules } from 'node:module';
import { posix } from 'node:path';

const IMPORT = /(?:^|[\s;])(?:import|export)\s(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

export function importSpecifiers(source: string): string[] {
  return [...source.matchAll(IMPORT)].map((match) => (match[1] ?? match[2])!);
}

const builtins = new Set(builtinModules);

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
    const candidates = target.endsWith('.js') ? [target.replace(/\.js$/, '.ts'), target] : [target];
    return candidates.some((path) => files.has(path)) ? undefined : `${file}: import "${specifier}" resolves to no generated file`;
  }
  if (specifier.startsWith('node:') || builtins.has(specifier)) return undefined;
  const name = packageName(specifier);
  return declared.has(name) ? undefined : `${file}: import "${specifier}" needs "${name}" in package.json`;
}
