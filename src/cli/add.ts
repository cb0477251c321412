// `groundwork add <category> <option>`: recompose the project for the new stack and apply the
// difference without losing user edits (see cli/project-change.ts).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { categories } from '../catalog/catalog.js';
import type { Category, Stack } from '../catalog/types.js';
import { parseCategory, parseChoice } from '../catalog/validate.js';
import { GroundworkError, UsageError } from '../errors.js';
import { installDependencies } from '../install/install.js';
import { detectPackageManager, type PackageManager } from '../install/package-manager.js';
import { parseArgs, type FlagSpec } from './args.js';
import { changeProject } from './project-change.js';
import { printChanges } from './print-changes.js';
import { bold, green, spinner } from './ui.js';

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
  const added = `${categoryId} ${option}`;
  let installed = false;
  let replaced: string[] = [];

  const outcome = await changeProject({
    cwd,
    argv,
    command: `groundwork add ${argv.join(' ')}`,
    action: `add ${added}`,
    dryRun,
    target(_record, stack) {
      replaced = category.multiple ? [] : stack[categoryId]!.filter((id) => id !== option);
      return { stack: nextStack(stack, category, option!) };
    },
    async afterApply(interrupts, releaseLock) {
      if (flags['no-install']) return;
      const pm = projectPackageManager(cwd);
      interrupts.phase(() => {
        releaseLock();
        return `Interrupted: ${added} is written, but "${pm} install" did not finish. Run it in ${cwd}.`;
      });
      const progress = flags.json ? undefined : spinner(`Installing dependencies with ${pm}`);
      await installDependencies(cwd, pm).finally(() => progress?.stop(''));
      installed = true;
    },
  });

  const summary = {
    added,
    replaced: replaced.map((id) => `${categoryId} ${id}`),
    stack: outcome.after.groundwork.stack,
    implied: outcome.after.implied.filter((m) => !outcome.before.implied.some((o) => o.id === m.id)).map((m) => m.title),
    created: outcome.created,
    updated: outcome.updated,
    merged: outcome.merged,
    deleted: outcome.deleted,
    skipped: outcome.skipped,
    notes: outcome.notes,
    dryRun,
    installed,
  };
  if (flags.json) console.log(JSON.stringify(summary, null, 2));
  else {
    const verb = dryRun ? 'Would add' : `${green('✔')} Added`;
    const replacing = summary.replaced.length > 0 ? `, replacing ${summary.replaced.join(', ')}` : '';
    console.log(`${verb} ${bold(summary.added)}${replacing}${summary.implied.length ? ` (with ${summary.implied.join(', ')})` : ''}`);
    printChanges(outcome);
  }
  return 0;
}
