// One shared node_modules for every combination: every package pinned in templates/versions.json
// (the one place versions live) and every module's npm overrides, installed once per distinct union
// (a stamp file remembers which). Each composed package.json is then compared with the union, so a
// combination is only type-checked against exactly the versions it pins.
import { execa } from 'execa';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { categories, internalModules } from '../../src/catalog/catalog.js';
import { readVersions } from '../../src/compose/template-files.js';
import { templatesDir } from '../../src/paths.js';
import { node24Env } from '../../test/support/node24.js';

export interface DependencyUnion {
  dependencies: Record<string, string>;
  overrides: Record<string, Record<string, string>>;
}

/** The generator itself: every project pins it, none needs it to type-check. */
const GENERATOR = 'create-groundwork';

export function dependencyUnion(): DependencyUnion {
  const versions = readVersions(templatesDir);
  const manifests = [...internalModules, ...categories.flatMap((category) => category.options.map((option) => option.manifest))];
  const overrides: DependencyUnion['overrides'] = {};
  for (const [name, nested] of manifests.flatMap((manifest) => Object.entries(manifest.overrides ?? {}))) {
    overrides[name] = { ...overrides[name], ...Object.fromEntries(nested.map((inner) => [inner, versions[inner]!])) };
  }
  return { dependencies: versions, overrides };
}

/** Where a composed package.json pins something other than the installed union. */
export function unionMismatches(packageJson: string, union: DependencyUnion): string[] {
  const pkg = JSON.parse(packageJson) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string>; overrides?: Record<string, Record<string, string>> };
  const problems: string[] = [];
  for (const [name, version] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
    if (name !== GENERATOR && union.dependencies[name] !== version) problems.push(`package.json pins ${name}@${version}; templates/versions.json has ${union.dependencies[name] ?? 'no such package'}`);
  }
  for (const [name, nested] of Object.entries(pkg.overrides ?? {})) {
    for (const [inner, version] of Object.entries(nested)) {
      if (union.overrides[name]?.[inner] !== version) problems.push(`package.json overrides ${name} > ${inner}@${version}, which the type-check install does not`);
    }
  }
  return problems;
}

export async function installUnion(root: string, union: DependencyUnion): Promise<void> {
  const manifest = `${JSON.stringify({ private: true, type: 'module', dependencies: union.dependencies, overrides: union.overrides }, null, 2)}\n`;
  const stamp = createHash('sha256').update(manifest).digest('hex');
  const stampFile = join(root, 'node_modules', '.union-stamp');
  if (existsSync(stampFile) && (await readFile(stampFile, 'utf8')) === stamp) return;
  await mkdir(root, { recursive: true });
  await writeFile(join(root, 'package.json'), manifest);
  const result = await execa('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: root, env: node24Env(), all: true, reject: false, stdin: 'ignore' });
  if (result.exitCode !== 0) throw new Error(`npm install of the dependency union failed:\n${result.all}`);
  await writeFile(stampFile, stamp);
}
