// Check units: a TypeScript file together with everything that decides how it type-checks. Two
// file sets that give a file the same unit hash give the compiler byte-identical inputs for it, so
// the file needs checking once for all of them.
//
// A file's closure: the file, every project file it reaches through relative imports, exports,
// `import()`, `import type`, `declare module '<relative>'` and `/// <reference path>`, and the
// set's global part: every file the set's program loads that changes the types of files that do
// not import it (module augmentations of any specifier, `declare global`, `/// <reference types>`,
// scripts), with their closures. The hash also covers the tsconfig files and package.json "type".
// A relative import that names no file of the set makes the unit its set's own: never shared.
// Two more things decide every unit of a set: the augmenting packages the set may load (their
// declarations change types everywhere), and src/modules.ts, the one file that differs in every
// combination, which its importers see only through its annotated type (tools/matrix/glue.ts).
import { createHash } from 'node:crypto';
import { loadedAugmenting, type PackageGraph } from './augmenting-packages.js';
import { typeKey } from './file-set-keys.js';
import { GLUE_PATH, readGlue } from './glue.js';
import { importSpecifiers, isPackageSpecifier, resolveRelative } from './imports.js';
import { isTsconfig, projectConfigs } from './project-configs.js';

const AUGMENTATION = /\bdeclare\s+module\s+['"]|\bdeclare\s+global\b|\/\/\/\s*<reference\s+types=/;
const MODULE_SYNTAX = /^\s*(?:import|export)\b/m;
const DECLARED_MODULE = /\bdeclare\s+module\s+['"]([^'"]+)['"]/g;
const REFERENCED_PATH = /^\/\/\/\s*<reference\s+path=['"]([^'"]+)['"]/gm;

/** Changes the types of files that do not import it. */
export const changesOtherFiles = (path: string, contents: string) => path.endsWith('.ts') && (AUGMENTATION.test(contents) || !MODULE_SYNTAX.test(contents));

export interface Unit {
  /** The file whose check this unit is (src/modules.ts has one unit per registered module). */
  path: string;
  hash: string;
  /** Only these lines of the file are this unit's (an entry of src/modules.ts); absent: all of it. */
  lines?: readonly number[];
}

export interface SetUnits {
  /** A unit for every `.ts` file the set's own program loads. */
  units: Unit[];
  /** Hash of the global part, the settings, the "type" and the augmenting packages: equal for sets whose programs may be merged. */
  globalKey: string;
}

function specifiersOf(contents: string): string[] {
  const declared = [...contents.matchAll(DECLARED_MODULE)].map((match) => match[1]!);
  const referenced = [...contents.matchAll(REFERENCED_PATH)].map((match) => (match[1]!.startsWith('.') ? match[1]! : `./${match[1]!}`));
  return [...importSpecifiers(contents), ...declared, ...referenced].filter((specifier) => specifier.startsWith('.'));
}

const REFERENCED_TYPES = /^\/\/\/\s*<reference\s+types=['"]([^'"]+)['"]/gm;

/** Package specifiers a file loads: bare imports and `/// <reference types>`. */
function packagesOf(contents: string): string[] {
  const referenced = [...contents.matchAll(REFERENCED_TYPES)].map((match) => match[1]!);
  return [...importSpecifiers(contents), ...referenced].filter(isPackageSpecifier);
}

/** Files the set's own program loads without following imports: what its configs include. */
function includedFiles(files: ReadonlyMap<string, string>): string[] {
  const entries = projectConfigs(files).includes;
  return [...files.keys()].filter((path) => path.endsWith('.ts') && entries.some((entry) => entry === '.' || path === entry || path.startsWith(`${entry}/`)));
}

function reachable(starts: Iterable<string>, edges: ReadonlyMap<string, string[]>): Set<string> {
  const seen = new Set<string>();
  const stack = [...starts];
  while (stack.length > 0) {
    const path = stack.pop()!;
    if (seen.has(path)) continue;
    seen.add(path);
    stack.push(...(edges.get(path) ?? []));
  }
  return seen;
}

export function setUnits(files: ReadonlyMap<string, string>, packages: PackageGraph): SetUnits {
  // What importers of src/modules.ts see: its annotated type, which needs only the core's context.
  const glue = files.has(GLUE_PATH) ? readGlue(files.get(GLUE_PATH)!) : undefined;
  const seen = (path: string) => (glue && path === GLUE_PATH ? glue.surface : files.get(path)!);

  const edges = new Map<string, string[]>();
  const unresolved = new Set<string>();
  const visit = (path: string) => {
    if (edges.has(path)) return;
    const targets = path.endsWith('.ts') ? specifiersOf(seen(path)).map((specifier) => resolveRelative(path, specifier, files)) : [];
    if (targets.includes(undefined)) unresolved.add(path);
    const found = [...new Set(targets.filter((target) => target !== undefined))];
    edges.set(path, found);
    found.forEach(visit);
  };
  includedFiles(files).forEach(visit);
  glue?.entries.forEach((entry) => visit(entry.index));

  const loaded = [...edges.keys()].filter((path) => path.endsWith('.ts'));
  const globalPart = reachable(loaded.filter((path) => changesOtherFiles(path, files.get(path)!)), edges);
  const settings = [...files.keys()].filter(isTsconfig).map((path) => `${path}\0${files.get(path)}`).sort();
  const { type = 'commonjs' } = JSON.parse(files.get('package.json') ?? '{}') as { type?: string };
  const augmenting = loadedAugmenting(loaded.flatMap((path) => packagesOf(files.get(path)!)), packages);
  const ownKey = typeKey(files);
  const hashOf = (marker: string, closure: ReadonlySet<string>) => {
    const hash = createHash('sha256').update(`${marker}\0type=${type}\0${settings.join('\0')}\0packages=${augmenting.join(',')}\0`);
    for (const path of [...closure].sort()) hash.update(`${path}\0${seen(path)}\0`);
    if ([...closure].some((path) => unresolved.has(path))) hash.update(`unresolved import in set ${ownKey}`);
    return hash.digest('hex').slice(0, 16);
  };
  // The path marks the root: files importing each other in a cycle share a closure, not a unit.
  const unitOf = (path: string) => hashOf(`root=${path}`, reachable([path, ...globalPart], edges));

  const units: Unit[] = loaded.filter((path) => !(glue && path === GLUE_PATH)).map((path) => ({ path, hash: unitOf(path) }));
  // src/modules.ts itself: `[a, b]` is an AppModule[] exactly when each entry is an AppModule.
  const context = glue ? unitOf('src/core/context.ts') : '';
  for (const entry of glue?.entries ?? []) {
    units.push({ path: GLUE_PATH, hash: hashOf(`glue entry ${entry.index} ${unitOf(entry.index)} ${context}`, new Set()), lines: entry.lines });
  }
  return { units, globalKey: hashOf('global part', globalPart) };
}
