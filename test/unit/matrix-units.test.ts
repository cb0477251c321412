// Unit keys decide which files need compiling once for many combinations: each case changes one
// thing a file's check depends on and expects the key to change, or one thing it does not and
// expects the key to stay.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeStack } from '../../src/compose/compose-stack.js';
import { packageRoot } from '../../src/paths.js';
import { loadedAugmenting, scanPackages, type PackageGraph } from '../../tools/matrix/augmenting-packages.js';
import { setUnits } from '../../tools/matrix/file-units.js';
import { readGlue } from '../../tools/matrix/glue.js';
import { UnitVerdicts } from '../../tools/matrix/unit-verdicts.js';

const appConfig = { compilerOptions: { strict: true, module: 'nodenext', types: [], rootDir: 'src', noEmit: true }, include: ['src'] };
const noPackages: PackageGraph = { augmenting: new Set(), dependencies: new Map() };

/** A tiny project shaped like a generated one: src/, test/, a test tsconfig extending the app's. */
function project(files: Record<string, string>): Map<string, string> {
  return new Map(
    Object.entries({
      'package.json': '{ "type": "module" }\n',
      'tsconfig.json': JSON.stringify(appConfig),
      'test/tsconfig.json': JSON.stringify({ extends: '../tsconfig.json', compilerOptions: { rootDir: '..' }, include: ['../src', './'] }),
      'src/main.ts': "import { helper } from './helper.js';\nexport const answer: number = helper * 2;\n",
      'src/helper.ts': 'export const helper = 21;\n',
      'test/main.test.ts': "import { answer } from '../src/main.js';\nexport const doubled: number = answer * 2;\n",
      ...files,
    }),
  );
}

const unitsOf = (files: Record<string, string>, packages = noPackages) =>
  new Map(setUnits(project(files), packages).units.map((unit) => [unit.path, unit.hash]));

const glue = (...modules: string[]) =>
  [
    '// One line per module.',
    "import type { AppModule } from './core/context.js';",
    ...modules.map((m) => `import ${m} from './modules/${m}/index.js';`),
    '',
    'export const modules: AppModule[] = [',
    ...modules.map((m) => `  ${m},`),
    '];',
    '',
  ].join('\n');

const moduleFiles = (...modules: string[]) => ({
  'src/core/context.ts': 'export interface AppModule { name: string }\n',
  'src/modules.ts': glue(...modules),
  'src/app.ts': "import { modules } from './modules.js';\nexport const names = modules.map((m) => m.name);\n",
  ...Object.fromEntries(modules.map((m) => [`src/modules/${m}/index.ts`, `export default { name: '${m}' };\n`])),
});

describe('unit keys', () => {
  it('cover every .ts file the program loads, and are shared exactly when closures are equal', () => {
    const base = unitsOf({ 'src/other.ts': 'export const other = 1;\n' });
    const changedOther = unitsOf({ 'src/other.ts': 'export const other = 2;\n' });
    expect([...base.keys()].sort()).toEqual(['src/helper.ts', 'src/main.ts', 'src/other.ts', 'test/main.test.ts']);
    expect(changedOther.get('src/main.ts')).toBe(base.get('src/main.ts'));
    expect(changedOther.get('test/main.test.ts')).toBe(base.get('test/main.test.ts'));
    expect(changedOther.get('src/other.ts')).not.toBe(base.get('src/other.ts'));
  });

  it('differ when an imported file differs, directly or through another import', () => {
    const base = unitsOf({});
    const changed = unitsOf({ 'src/helper.ts': 'export const helper = 22;\n' });
    expect(changed.get('src/main.ts')).not.toBe(base.get('src/main.ts'));
    expect(changed.get('test/main.test.ts')).not.toBe(base.get('test/main.test.ts'));
  });

  it('differ everywhere when an augmentation, a global declaration or a script anywhere differs', () => {
    const augment = "import type { Kind } from './kind.js';\ndeclare module './helper.js' { interface Extra { kind: Kind } }\nexport {};\n";
    const variants = [
      unitsOf({ 'src/augment.ts': augment, 'src/kind.ts': 'export type Kind = number;\n' }),
      unitsOf({ 'src/augment.ts': augment, 'src/kind.ts': 'export type Kind = string;\n' }),
      unitsOf({ 'src/augment.ts': 'export {};\ndeclare global { var x: number }\n' }),
      unitsOf({ 'src/augment.ts': 'declare var x: number;\n' }),
      unitsOf({}),
    ];
    expect(new Set(variants.map((units) => units.get('src/helper.ts'))).size).toBe(5);
  });

  it('put sets whose global declarations import different types in different programs', () => {
    // Merged in one program, `pick` would get both overloads and `pick('x')` would pass where it must not.
    const augment = "import type { Kind } from './kind.js';\ndeclare global { function pick(kind: Kind): void }\nexport {};\n";
    const numbers = setUnits(project({ 'src/augment.ts': augment, 'src/kind.ts': 'export type Kind = number;\n' }), noPackages);
    const strings = setUnits(project({ 'src/augment.ts': augment, 'src/kind.ts': 'export type Kind = string;\n' }), noPackages);
    const plainA = setUnits(project({ 'src/other.ts': 'export const other = 1;\n' }), noPackages);
    const plainB = setUnits(project({ 'src/other.ts': 'export const other = 2;\n' }), noPackages);
    expect(numbers.globalKey).not.toBe(strings.globalKey);
    expect(plainA.globalKey).toBe(plainB.globalKey);
  });

  it('differ when a tsconfig file or the package "type" differs', () => {
    const base = unitsOf({});
    const stricter = unitsOf({ 'tsconfig.json': JSON.stringify({ ...appConfig, compilerOptions: { ...appConfig.compilerOptions, noUnusedLocals: true } }) });
    const commonjs = unitsOf({ 'package.json': '{ "type": "commonjs" }\n' });
    expect(stricter.get('src/helper.ts')).not.toBe(base.get('src/helper.ts'));
    expect(commonjs.get('src/helper.ts')).not.toBe(base.get('src/helper.ts'));
  });

  it('never share a unit that reaches an unresolvable import', () => {
    const missing = { 'src/helper.ts': "export { gone } from './gone.js';\nexport const helper = 21;\n" };
    const one = unitsOf({ ...missing, 'src/other.ts': 'export const other = 1;\n' });
    const two = unitsOf({ ...missing, 'src/other.ts': 'export const other = 2;\n' });
    expect(one.get('src/main.ts')).not.toBe(two.get('src/main.ts'));
  });

  it('differ everywhere when the set loads another augmenting package', () => {
    const packages: PackageGraph = { augmenting: new Set(['plugin']), dependencies: new Map([['host', ['plugin']], ['plugin', []], ['plain', []]]) };
    const base = unitsOf({ 'src/uses.ts': "import 'plain';\nexport {};\n" }, packages);
    const viaDependency = unitsOf({ 'src/uses.ts': "import 'host';\nexport {};\n" }, packages);
    expect(viaDependency.get('src/helper.ts')).not.toBe(base.get('src/helper.ts'));
    expect(loadedAugmenting(['host/sub', 'plain'], packages)).toEqual(['plugin']);
  });
});

describe('src/modules.ts (the glue)', () => {
  it('is seen by its importers through its annotated type only', () => {
    const one = unitsOf(moduleFiles('alpha'));
    const two = unitsOf(moduleFiles('alpha', 'beta'));
    expect(two.get('src/app.ts')).toBe(one.get('src/app.ts'));
    expect(two.get('src/modules/alpha/index.ts')).toBe(one.get('src/modules/alpha/index.ts'));
  });

  it('is checked as one unit per registered module, owning its import and list lines', () => {
    const one = setUnits(project(moduleFiles('alpha')), noPackages).units.filter((unit) => unit.path === 'src/modules.ts');
    const two = setUnits(project(moduleFiles('alpha', 'beta')), noPackages).units.filter((unit) => unit.path === 'src/modules.ts');
    expect(two).toHaveLength(2);
    expect(two.map((unit) => unit.hash)).toContain(one[0]!.hash);
    expect(readGlue(glue('alpha', 'beta'))!.entries).toEqual([
      { index: 'src/modules/alpha/index.ts', lines: [3, 7] },
      { index: 'src/modules/beta/index.ts', lines: [4, 8] },
    ]);
  });

  it('reads the src/modules.ts the generator writes, the features plugin included', async () => {
    const stack = { api: ['rest', 'graphql'], db: ['postgres'], cache: ['redis'], auth: ['jwt'], queue: ['bullmq'] };
    const { files } = await composeStack('glue', stack);
    const entries = readGlue(files.get('src/modules.ts')!)?.entries.map((entry) => entry.index);
    expect(entries).toContain('src/features/index.ts');
    expect(entries).toContain('src/core/default-ports.ts');
    expect(entries).toContain('src/modules/api-graphql/index.ts');
    for (const index of entries ?? []) expect(files.has(index), index).toBe(true);
  });

  it('is checked whole when it is not the generated shape', () => {
    expect(readGlue(glue('alpha').replace('  alpha,', '  alpha,\n  { name: "inline" },'))).toBeUndefined();
    expect(readGlue(`${glue('alpha')}export const extra = 1;\n`)).toBeUndefined();
    const edited = { ...moduleFiles('alpha'), 'src/modules.ts': `${glue('alpha')}export const extra = 1;\n` };
    expect(unitsOf(edited).get('src/app.ts')).not.toBe(unitsOf(moduleFiles('alpha')).get('src/app.ts'));
  });
});

describe('unit verdicts', () => {
  const units = [
    { path: 'src/a.ts', hash: 'a' },
    { path: 'src/modules.ts', hash: 'glue-alpha', lines: [3, 7] },
    { path: 'src/modules.ts', hash: 'glue-beta', lines: [4, 8] },
  ];

  it('charge an error to the unit of its file, or of its line in the glue', () => {
    const verdicts = new UnitVerdicts();
    expect(verdicts.claimNew(units)).toBe(true);
    expect(verdicts.claimNew(units.slice(0, 1))).toBe(false);
    verdicts.record(units, ["src/modules.ts(8,3): error TS2739: Type '{ name: string; }' is missing", '  a continuation line'], '--x y');
    expect(verdicts.errorsOf(['a', 'glue-alpha'])).toEqual([]);
    expect(verdicts.errorsOf(['glue-beta'])).toEqual(['(compiled as: create-groundwork app --x y)', "src/modules.ts(8,3): error TS2739: Type '{ name: string; }' is missing", '  a continuation line']);
  });

  it('charge an error naming no file to every unit, and never pass a unit not compiled', () => {
    const verdicts = new UnitVerdicts();
    verdicts.claimNew(units);
    expect(verdicts.errorsOf(['a'])).toEqual(['unit a was never compiled']);
    verdicts.record(units, ["error TS5083: Cannot read file 'tsconfig.json'."], '--x y');
    for (const unit of units) expect(verdicts.errorsOf([unit.hash]).at(-1)).toBe("error TS5083: Cannot read file 'tsconfig.json'.");
  });

  it('flag a unit compiled twice with different verdicts as a key that missed something', () => {
    const verdicts = new UnitVerdicts();
    verdicts.claimNew(units);
    verdicts.record(units, [], '--x y');
    verdicts.record(units, ["src/a.ts(1,1): error TS2304: Cannot find name 'x'."], '--x z');
    expect(verdicts.errorsOf(['a'])[0]).toMatch(/checked twice with different verdicts .*unsound/);
  });
});

describe('augmenting packages', () => {
  let dir: string;
  beforeAll(async () => {
    // .cache/ is made by the build tools; a fresh clone has none yet.
    await mkdir(join(packageRoot, '.cache'), { recursive: true });
    dir = await mkdtemp(join(packageRoot, '.cache', 'packages-test-'));
    const write = async (name: string, types: string, dependencies: Record<string, string> = {}) => {
      await mkdir(join(dir, name), { recursive: true });
      await writeFile(join(dir, name, 'package.json'), JSON.stringify({ name, version: '1.0.0', types: 'index.d.ts', dependencies }));
      await writeFile(join(dir, name, 'index.d.ts'), types);
    };
    await write('host', 'export interface Host { a: 1 }\n', { '@scope/plugin': '1.0.0' });
    await write('@scope/plugin', "declare module 'host' { interface Host { b: 2 } }\nexport {};\n");
    await write('globals', 'declare global { var flavour: string }\nexport {};\n');
    await write('self', "declare module 'self/sub' { export const x: 1 }\n");
    await write('inert', "declare module 'not-installed' { export const x: 1 }\n");
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('are those that augment the global scope or another installed package', () => {
    const graph = scanPackages(dir);
    expect([...graph.augmenting].sort()).toEqual(['@scope/plugin', 'globals']);
    expect(loadedAugmenting(['host'], graph)).toEqual(['@scope/plugin']);
  });
});
