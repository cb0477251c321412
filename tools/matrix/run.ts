// The every-combination check: enumerate from the catalog, compose each, check its structure, and
// type-check each distinct file set. Reports counts, timing, and each failure as the flags that
// reproduce it.
import { join } from 'node:path';
import { categories } from '../../src/catalog/catalog.js';
import type { Stack } from '../../src/catalog/types.js';
import { allStacks } from '../../src/catalog/validate.js';
import { composeStack } from '../../src/compose/compose-stack.js';
import { packageRoot } from '../../src/paths.js';
import { ensureNode24 } from '../../test/support/node24.js';
import { structuralProblems } from './checks.js';
import { installUnion, typecheckProject, typeKey, writeProject } from './typecheck.js';

export const flagsOf = (stack: Stack) => categories.map((c) => `--${c.id} ${stack[c.id]!.join(',')}`).join(' ');

export interface Shard {
  index: number; // 1-based
  count: number;
}

export interface MatrixReport {
  inCatalog: number;
  generated: number;
  structurallyValid: number;
  distinctFileSets: number;
  typeChecked: number;
  failures: { stack: Stack; errors: string[] }[];
  seconds: number;
}

export async function runMatrix(shard: Shard = { index: 1, count: 1 }, parallel = 2): Promise<MatrixReport> {
  const started = performance.now();
  const root = join(packageRoot, '.cache', 'matrix');
  const stacks = [...allStacks()];
  const mine = stacks.filter((_, i) => i % shard.count === shard.index - 1);

  // Step 1: compose and check structure (in memory).
  const structural = new Map<Stack, string[]>();
  const typeErrors = new Map<Stack, string[]>();
  const byKey = new Map<string, { files: Map<string, string>; stacks: Stack[] }>();
  for (const stack of mine) {
    const composition = await composeStack('matrix-app', stack);
    const problems = structuralProblems(composition);
    if (problems.length > 0) structural.set(stack, problems);
    const key = typeKey(composition.files);
    const group = byKey.get(key) ?? { files: composition.files, stacks: [] };
    group.stacks.push(stack);
    byKey.set(key, group);
  }

  // Step 2: one shared node_modules, then each distinct file set type-checked once.
  await ensureNode24();
  await installUnion(root, [...byKey.values()].map((group) => group.files.get('package.json')!));
  const queue = [...byKey];
  let typeChecked = 0;
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [key, group] = next;
      const dir = join(root, 'sets', key);
      await writeProject(dir, group.files);
      const errors = await typecheckProject(root, dir);
      for (const stack of group.stacks) {
        if (errors.length > 0) typeErrors.set(stack, errors);
        else typeChecked++;
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));

  return {
    inCatalog: stacks.length,
    generated: mine.length,
    structurallyValid: mine.length - structural.size,
    distinctFileSets: byKey.size,
    typeChecked,
    failures: mine
      .filter((stack) => structural.has(stack) || typeErrors.has(stack))
      .map((stack) => ({ stack, errors: [...(structural.get(stack) ?? []), ...(typeErrors.get(stack) ?? [])] })),
    seconds: (performance.now() - started) / 1000,
  };
}
