// `groundwork add <category> <option>`: recompose the project for the new stack and apply the
// difference without losing user edits (see project/plan-add.ts).
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stageChangesWithPlop } from '../../generators/apply-changes.js';
import { categories } from '../catalog/catalog.js';
import type { Category, Stack } from '../catalog/types.js';
import { parseCategory, parseChoice, validateStack } from '../catalog/validate.js';
import { composeStack } from '../compose/compose-stack.js';
import { GROUNDWORK_JSON } from '../compose/compose.js';
import { generatedEnvValues } from '../compose/outputs/env.js';
import { GroundworkError, UsageError } from '../errors.js';
import { installDependencies } from '../install/install.js';
import { detectPackageManager, type PackageManager } from '../install/package-manager.js';
import { generatorVersion } from '../paths.js';
import { envFileChange } from '../project/env-file.js';
import { projectGeneratorSpec } from '../project/generator-spec.js';
import { readGroundworkJson } from '../project/groundwork-file.js';
import { acquireProjectLock } from '../project/lock.js';
import { planChanges, type Change } from '../project/plan-add.js';
import { beginTransaction, recoverLeftover, TX_DIR } from '../project/transaction.js';
import { parseArgs, type FlagSpec } from './args.js';
import { cancelled, trapInterrupts } from './interrupts.js';
import { bold, cyan, dim, green, spinner } from './ui.js';

const flagSpecs: FlagSpec[] = [
  { name: 'no-install', type: 'boolean' },
  { name: 'dry-run', type: 'boolean' },
  { name: 'json', type: 'boolean' },
  { name: 'verbose', type: 'boolean' },
];

const lockfiles: [string, PackageManager][] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
  ['package-lock.json', 'npm'],
];

function projectPackageManager(dir: string): PackageManager {
  return lockfiles.find(([file]) => existsSync(join(dir, file)))?.[1] ?? detectPackageManager();
}

function nextStack(stack: Stack, category: Category, option: string): Stack {
  const current = stack[category.id] ?? [];
  if (current.includes(option)) throw new GroundworkError(`${category.id} ${option} is already in this project.`);
  return { ...stack, [category.id]: category.multiple ? [...current, option] : [option] };
}

export async function runAdd(argv: readonly string[], cwd = process.cwd()): Promise<number> {
  const { flags, positionals } = parseArgs(argv, flagSpecs, 'groundwork add');
  const [rawCategory, optionId, ...extra] = positionals;
  const accepted = `Accepted categories: ${categories.map((c) => c.id).join(', ')}.`;
  if (!rawCategory || !optionId) throw new UsageError(`Usage: groundwork add <category> <option>. ${accepted}`);
  if (extra.length > 0) throw new UsageError(`groundwork add takes a category and an option, got ${positionals.length}: ${positionals.join(' ')}.`);
  const category = parseCategory(rawCategory);
  const categoryId = category.id;
  const [option] = parseChoice(category, optionId);
  if (optionId.includes(',')) throw new UsageError(`groundwork add takes one option at a time, got "${optionId}".`);
  const dryRun = flags['dry-run'] === true;
  const leftover = existsSync(join(cwd, TX_DIR));
  // Not a project: fail before writing anything, even a lock file.
  if (!leftover) await readGroundworkJson(cwd);
  if (dryRun && leftover) throw new GroundworkError(`An interrupted groundwork command left ${TX_DIR} in ${cwd}; run add without --dry-run (it first undoes that command) or any other groundwork command there.`);

  const command = `groundwork add ${argv.join(' ')}`;
  const interrupts = trapInterrupts(() => cancelled(argv));
  const lock = dryRun ? undefined : acquireProjectLock(cwd, command);
  interrupts.phase(() => {
    lock?.release();
    return cancelled(argv);
  });
  try {
    const notes: string[] = [];
    if (!dryRun) {
      const recovery = recoverLeftover(cwd);
      if (recovery.outcome === 'undone') notes.push(`An interrupted "${recovery.command}" was undone first: its files are back as they were.`);
    }
    const record = await readGroundworkJson(cwd);
    let before: Stack;
    try {
      before = validateStack(record.stack);
    } catch (error) {
      throw new GroundworkError(`${GROUNDWORK_JSON} records a stack this generator does not know: ${(error as Error).message}`);
    }
    const after = validateStack(nextStack(before, category, option!));

    // The old output with the spec it was made with; the new one keeps whatever the user has now.
    const userPackageJson = await readFile(join(cwd, 'package.json'), 'utf8').catch(() => undefined);
    const recordedSpec = record.generatorSpec ?? record.version;
    const [oldComposition, newComposition] = await Promise.all([
      composeStack(record.name, before, recordedSpec),
      composeStack(record.name, after, projectGeneratorSpec(userPackageJson) ?? (record.generatorSpec ?? generatorVersion)),
    ]);
    const paths = new Set([...oldComposition.files.keys(), ...newComposition.files.keys(), '.env']);
    const userFiles = new Map<string, string | undefined>();
    await Promise.all([...paths].map(async (path) => userFiles.set(path, await readFile(join(cwd, path), 'utf8').catch(() => undefined))));

    const plan = planChanges(record.files, oldComposition, newComposition, (path) => userFiles.get(path));
    if (plan.conflicts.length > 0) {
      throw new GroundworkError(
        `Cannot add ${categoryId} ${option}: ${plan.conflicts.length} file(s) you changed need a manual step. Nothing was written.`,
        [...plan.conflicts.map((conflict) => `  ${conflict.path}: ${conflict.step}`), `Once these are done, run "${command}" again: it goes on from there.`],
      );
    }
    const changes = [...plan.changes, { kind: 'update', path: GROUNDWORK_JSON, contents: newComposition.files.get(GROUNDWORK_JSON)!, merged: false } as Change];
    const secrets = generatedEnvValues(newComposition.modules, () => randomBytes(32).toString('base64url'));
    const env = envFileChange(userFiles.get('.env'), secrets);
    if (env) changes.push(userFiles.get('.env') === undefined ? { kind: 'create', path: '.env', contents: env.contents } : { kind: 'update', path: '.env', contents: env.contents, merged: true });
    if (plan.skipped.length > 0) notes.push(`Left deleted, as you deleted them: ${plan.skipped.join(', ')}.`);

    const replaced = category.multiple ? [] : before[categoryId]!.filter((id) => id !== option);
    const summary = {
      added: `${categoryId} ${option}`,
      replaced: replaced.map((id) => `${categoryId} ${id}`),
      stack: after,
      implied: newComposition.implied.filter((m) => !oldComposition.implied.some((o) => o.id === m.id)).map((m) => m.title),
      created: changes.filter((c) => c.kind === 'create').map((c) => c.path),
      updated: changes.filter((c) => c.kind === 'update' && !c.merged).map((c) => c.path),
      merged: changes.filter((c) => c.kind === 'update' && c.merged).map((c) => c.path),
      deleted: changes.filter((c) => c.kind === 'delete').map((c) => c.path),
      skipped: plan.skipped,
      notes,
      dryRun,
      installed: false,
    };
    if (!dryRun) {
      const transaction = beginTransaction(cwd, { command });
      interrupts.phase(() => {
        transaction.discard();
        lock?.release();
        return cancelled(argv);
      });
      try {
        await stageChangesWithPlop(cwd, transaction, changes);
      } catch (error) {
        transaction.discard();
        throw error;
      }
      transaction.apply();
      interrupts.phase(() => {
        lock?.release();
        return `Interrupted after ${summary.added} was written in full.`;
      });
      if (!flags['no-install']) {
        const pm = projectPackageManager(cwd);
        interrupts.phase(() => {
          lock?.release();
          return `Interrupted: ${summary.added} is written, but "${pm} install" did not finish. Run it in ${cwd}.`;
        });
        const progress = flags.json ? undefined : spinner(`Installing dependencies with ${pm}`);
        await installDependencies(cwd, pm).finally(() => progress?.stop(''));
        summary.installed = true;
      }
    }

    if (flags.json) console.log(JSON.stringify(summary, null, 2));
    else {
      const verb = dryRun ? 'Would add' : `${green('✔')} Added`;
      const replacing = summary.replaced.length > 0 ? `, replacing ${summary.replaced.join(', ')}` : '';
      console.log(`${verb} ${bold(summary.added)}${replacing}${summary.implied.length ? ` (with ${summary.implied.join(', ')})` : ''}`);
      for (const [label, list] of Object.entries({ created: summary.created, updated: summary.updated, 'merged into your edits': summary.merged, deleted: summary.deleted })) {
        for (const path of list) console.log(`  ${dim(label.padEnd(22))} ${path}`);
      }
      for (const note of notes) console.log(`${cyan('note:')} ${note}`);
    }
    return 0;
  } finally {
    lock?.release();
    interrupts.release();
  }
}
