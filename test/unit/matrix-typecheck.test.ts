// Batched type-checking must give each file set exactly the verdict it would get on its own.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { batchConfig, typecheckBatch, type FileSet } from '../../tools/matrix/batch-typecheck.js';
import { errorsBySet } from '../../tools/matrix/tsc-output.js';
import { dependencyUnion, unionMismatches } from '../../tools/matrix/union-install.js';

const tsc = join(packageRoot, 'node_modules', '.bin', 'tsc');

/** A tiny project shaped like a generated one: src/, test/, a test tsconfig extending the app's. */
function project(key: string, files: Record<string, string>): FileSet {
  return {
    key,
    files: new Map(
      Object.entries({
        'package.json': '{ "type": "module" }\n',
        'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', types: [], rootDir: 'src', noEmit: true }, include: ['src'] }),
        'test/tsconfig.json': JSON.stringify({ extends: '../tsconfig.json', compilerOptions: { rootDir: '..' }, include: ['../src', './'] }),
        'test/main.test.ts': "import { answer } from '../src/main.js';\nexport const doubled: number = answer * 2;\n",
        ...files,
      }),
    ),
  };
}

describe('tsc output of a batch', () => {
  it('charges located errors to the set owning the file, with continuation lines, and the rest to all', () => {
    const output = [
      "aaa/src/main.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.",
      '  The expected type comes from here.',
      'bbb/test/main.test.ts(1,1): error TS2304: Cannot find name \'x\'.',
      "error TS5083: Cannot read file 'missing.json'.",
    ].join('\n');
    const errors = errorsBySet(output, ['aaa', 'bbb', 'ccc']);
    expect(errors.get('aaa')).toEqual(["src/main.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.", '  The expected type comes from here.', "error TS5083: Cannot read file 'missing.json'."]);
    expect(errors.get('bbb')).toEqual(["test/main.test.ts(1,1): error TS2304: Cannot find name 'x'.", "error TS5083: Cannot read file 'missing.json'."]);
    expect(errors.get('ccc')).toEqual(["error TS5083: Cannot read file 'missing.json'."]);
  });
});

describe('batch programs', () => {
  it('build a batch tsconfig from the sets own configs', () => {
    const sets = [project('aaa', {}), project('bbb', {})];
    expect(JSON.parse(batchConfig(sets))).toEqual({
      extends: './aaa/test/tsconfig.json',
      compilerOptions: { rootDir: '.', noEmit: true },
      include: ['aaa/src', 'aaa/test', 'bbb/src', 'bbb/test'],
    });
  });
});

describe('typecheckBatch with the real compiler', () => {
  let dir: string;
  beforeAll(async () => {
    // .cache/ is made by the build tools; a fresh clone has none yet.
    await mkdir(join(packageRoot, '.cache'), { recursive: true });
    dir = await mkdtemp(join(packageRoot, '.cache', 'batch-test-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('fails only the broken set, with its own errors', async () => {
    const good = project('good', { 'src/main.ts': 'export const answer = 21;\n' });
    const broken = project('broken', { 'src/main.ts': "export const answer: number = 'forty-two';\n" });
    const outcome = await typecheckBatch(tsc, join(dir, 'one'), [good, broken]);
    expect([...outcome.errors.keys()]).toEqual(['broken']);
    expect(outcome.errors.get('broken')!.join('\n')).toMatch(/src\/main\.ts\(1,14\): error TS2322/);
    expect(outcome.rechecked).toBe(0);
  }, 30_000); // a compiler run: seconds alone, more on a loaded machine

  it('checks a set alone when only the batch makes it fail, and keeps the verdict of the lone check', async () => {
    // Identical global augmentations whose types differ by set: a conflict only inside one program.
    const augment = "import type { Kind } from './kind.js';\ndeclare global { interface Registry { kind: Kind } }\nexport {};\n";
    const numbers = project('numbers', { 'src/main.ts': 'export const answer = 21;\n', 'src/augment.ts': augment, 'src/kind.ts': 'export type Kind = number;\n' });
    const strings = project('strings', { 'src/main.ts': 'export const answer = 21;\n', 'src/augment.ts': augment, 'src/kind.ts': 'export type Kind = string;\n' });
    const outcome = await typecheckBatch(tsc, join(dir, 'two'), [numbers, strings]);
    expect(outcome.errors.size).toBe(0);
    expect(outcome.rechecked).toBe(1);
  }, 30_000);
});

describe('the shared install', () => {
  it('holds exactly what composed projects pin, and names any drift', () => {
    const union = dependencyUnion();
    expect(union.overrides['@fastify/otel']).toEqual({ '@opentelemetry/core': union.dependencies['@opentelemetry/core'] });
    const pkg = { dependencies: { fastify: union.dependencies.fastify }, devDependencies: { 'create-groundwork': '0.1.0', typescript: '0.0.1' } };
    expect(unionMismatches(JSON.stringify(pkg), union)).toEqual([`package.json pins typescript@0.0.1; templates/versions.json has ${union.dependencies.typescript}`]);
  });
});
