// Every combination of the catalog, generated and type-checked against one shared node_modules
// that holds the union of all their dependencies (installed once, reused while the union is unchanged).
import { execa } from 'execa';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { categories } from '../../src/catalog/catalog.js';
import type { Stack } from '../../src/catalog/types.js';
import { allStacks } from '../../src/catalog/validate.js';
import { composeStack } from '../../src/compose/compose-stack.js';
import { packageRoot } from '../../src/paths.js';
import { node24Env } from './node24.js';

export const matrixDir = join(packageRoot, '.cache', 'matrix');

export const flagsOf = (stack: Stack) => categories.map((c) => `--${c.id} ${stack[c.id]!.join(',')}`).join(' ');
const keyOf = (stack: Stack) => categories.map((c) => stack[c.id]!.join('+')).join('_');

export interface Combination {
  stack: Stack;
  dir: string;
}

/** Writes every combination under .cache/matrix/combos and returns them with their directories. */
export async function writeCombinations(): Promise<Combination[]> {
  await rm(join(matrixDir, 'combos'), { recursive: true, force: true });
  const combinations: Combination[] = [];
  for (const stack of allStacks()) {
    const dir = join(matrixDir, 'combos', keyOf(stack));
    const { files } = await composeStack('matrix-app', stack);
    for (const [path, contents] of files) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), contents);
    }
    combinations.push({ stack, dir });
  }
  return combinations;
}

/** Installs the union of every combination's dependencies into .cache/matrix/node_modules. */
export async function installUnion(combinations: Combination[]): Promise<void> {
  const union: Record<string, string> = {};
  for (const { dir } of combinations) {
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    Object.assign(union, pkg.dependencies, pkg.devDependencies);
  }
  delete union['create-groundwork']; // the generator itself: not needed to type-check
  const manifest = `${JSON.stringify({ private: true, type: 'module', dependencies: union }, null, 2)}\n`;
  const stamp = createHash('sha256').update(manifest).digest('hex');
  const stampFile = join(matrixDir, 'node_modules', '.union-stamp');
  if (existsSync(stampFile) && (await readFile(stampFile, 'utf8')) === stamp) return;
  await writeFile(join(matrixDir, 'package.json'), manifest);
  const result = await execa('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: matrixDir, env: node24Env(), all: true, reject: false, stdin: 'ignore' });
  if (result.exitCode !== 0) throw new Error(`npm install of the dependency union failed:\n${result.all}`);
  await writeFile(stampFile, stamp);
}

export interface TypecheckResult {
  stack: Stack;
  ok: boolean;
  errors: string;
}

/** Runs the project's own tsconfig files (app and tests) with the shared compiler, `parallel` at a time. */
export async function typecheckAll(combinations: Combination[], parallel = 2): Promise<TypecheckResult[]> {
  const tsc = join(matrixDir, 'node_modules', '.bin', 'tsc');
  const results: TypecheckResult[] = [];
  const queue = [...combinations];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const outputs: string[] = [];
      for (const config of ['tsconfig.json', 'test/tsconfig.json']) {
        if (!existsSync(join(next.dir, config))) continue;
        const run = await execa(tsc, ['--noEmit', '-p', config], { cwd: next.dir, env: node24Env(), all: true, reject: false, stdin: 'ignore' });
        if (run.exitCode !== 0) outputs.push(run.all ?? `tsc exited ${run.exitCode}`);
      }
      results.push({ stack: next.stack, ok: outputs.length === 0, errors: outputs.join('\n').split('\n').slice(0, 12).join('\n') });
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return results;
}
