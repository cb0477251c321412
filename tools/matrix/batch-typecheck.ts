// Type-checks many file sets in one compiler program: each set in its own folder of a batch folder,
// one tsconfig that extends the sets' own settings and includes what their configs include. The
// library types, the bulk of the work, are then loaded and instantiated once per batch instead of
// once per set. A set with errors in the batch is checked again on its own, with its own tsconfig
// files, and only that verdict counts: batching can make a check faster, never change its result.
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { node24Env } from '../../test/support/node24.js';
import { CONFIGS, projectConfigs } from './project-configs.js';
import { errorsBySet } from './tsc-output.js';

export interface FileSet {
  key: string;
  files: ReadonlyMap<string, string>;
}

async function writeSet(dir: string, files: ReadonlyMap<string, string>): Promise<void> {
  const folders = new Set([...files.keys()].map((path) => dirname(join(dir, path))));
  await Promise.all([...folders].map((folder) => mkdir(folder, { recursive: true })));
  await Promise.all([...files].map(([path, contents]) => writeFile(join(dir, path), contents)));
}

/** The batch tsconfig: the widest config's settings, and every config's include, per set folder. */
export function batchConfig(sets: readonly FileSet[]): string {
  const { configs, includes } = projectConfigs(sets[0]!.files);
  return `${JSON.stringify(
    {
      extends: `./${sets[0]!.key}/${configs[0]}`,
      compilerOptions: { rootDir: '.', noEmit: true },
      include: sets.flatMap((set) => includes.map((entry) => `${set.key}/${entry}`)),
    },
    null,
    2,
  )}\n`;
}

/** Runs each of the project's own tsconfig files in `dir`; returns every error line, or []. */
export async function typecheckAlone(tsc: string, dir: string): Promise<string[]> {
  const errors: string[] = [];
  for (const config of CONFIGS) {
    if (!existsSync(join(dir, config))) continue;
    const run = await execa(tsc, ['--noEmit', '--pretty', 'false', '-p', config], { cwd: dir, env: node24Env(), all: true, reject: false, stdin: 'ignore' });
    if (run.exitCode !== 0) errors.push(...(run.all || `tsc -p ${config} exited ${run.exitCode}`).split('\n').filter((line) => line.trim() !== ''));
  }
  return [...new Set(errors)]; // both configs report an error in src/ once each
}

export interface BatchOutcome {
  /** Errors by set key, for the sets that fail on their own. */
  errors: Map<string, string[]>;
  /** Sets that failed in the batch but passed alone (a batching artefact worth knowing about). */
  rechecked: number;
  /** The first error of one of them, in the batch: what to look at when there are many. */
  recheckedExample?: string;
}

/** `dir` must lie below the folder holding the shared node_modules. It is removed afterwards. */
export async function typecheckBatch(tsc: string, dir: string, sets: readonly FileSet[]): Promise<BatchOutcome> {
  await rm(dir, { recursive: true, force: true });
  await Promise.all(sets.map((set) => writeSet(join(dir, set.key), set.files)));
  await writeFile(join(dir, 'tsconfig.json'), batchConfig(sets));
  const run = await execa(tsc, ['--pretty', 'false', '-p', 'tsconfig.json'], { cwd: dir, env: node24Env(), all: true, reject: false, stdin: 'ignore' });
  const suspects = run.exitCode === 0 ? new Map<string, string[]>() : errorsBySet(run.all ?? '', sets.map((set) => set.key));
  if (run.exitCode !== 0 && suspects.size === 0) throw new Error(`tsc failed on batch ${dir} without errors:\n${run.all}`);
  const errors = new Map<string, string[]>();
  let recheckedExample: string | undefined;
  for (const [key, inBatch] of suspects) {
    const alone = await typecheckAlone(tsc, join(dir, key));
    if (alone.length > 0) errors.set(key, alone);
    else recheckedExample ??= inBatch[0];
  }
  await rm(dir, { recursive: true, force: true });
  return { errors, rechecked: suspects.size - errors.size, ...(recheckedExample ? { recheckedExample } : {}) };
}
