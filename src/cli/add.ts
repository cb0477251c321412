// `groundwork add <category> <option>`: recompose the project for the new stack and apply the
// difference without losing user edits (see project/plan-add.ts).
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { applyChanges } from '../../generators/apply-changes.js';
import { categories } from '../catalog/catalog.js';
import { findCategory } from '../catalog/lookup.js';
import type { Stack } from '../catalog/types.js';
import { parseChoice, validateStack } from '../catalog/validate.js';
import { composeStack } from '../compose/compose-stack.js';
import { GROUNDWORK_JSON } from '../compose/compose.js';
import { generatedEnvValues } from '../compose/outputs/env.js';
import { GroundworkError, UsageError } from '../errors.js';
import { installDependencies } from '../install/install.js';
import { detectPackageManager, type PackageManager } from '../install/package-manager.js';
import { readGroundworkJson } from '../project/groundwork-file.js';
import { planChanges, type Change } from '../project/plan-add.js';
import { parseArgs, type FlagSpec } from './args.js';
import { bold, dim, green, spinner } from './ui.js';

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

function nextStack(stack: Stack, categoryId: string, option: string): Stack {
  const category = findCategory(categoryId)!;
  const current = stack[categoryId] ?? [];
  if (current.includes(option)) throw new GroundworkError(`${categoryId} ${option} is already in this project.`);
  return { ...stack, [categoryId]: category.multiple ? [...current, option] : [option] };
}

/** New generated secrets (e.g. a dev JWT secret) appended to the git-ignored .env. */
function envChange(existing: string | undefined, values: Record<string, string>): Change | undefined {
  const present = new Set((existing ?? '').split('\n').map((line) => line.split('=')[0]!.trim()));
  const missing = Object.entries(values).filter(([name]) => !present.has(name));
  if (missing.length === 0) return undefined;
  const lines = missing.map(([name, value]) => `${name}=${value}`).join('\n');
  if (existing === undefined) return { kind: 'create', path: '.env', contents: `# Local development values, git-ignored.\n${lines}\n` };
  return { kind: 'update', path: '.env', contents: `${existing.replace(/\n?$/, '\n')}${lines}\n`, merged: true };
}

export async function runAdd(argv: readonly string[], cwd = process.cwd()): Promise<number> {
  const { flags, positionals } = parseArgs(argv, flagSpecs, 'groundwork add');
  const [categoryId, optionId, ...extra] = positionals;
  const accepted = `Accepted categories: ${categories.map((c) => c.id).join(', ')}.`;
  if (!categoryId || !optionId || extra.length > 0) throw new UsageError(`Usage: groundwork add <category> <option>. ${accepted}`);
  const category = findCategory(categoryId);
  if (!category) throw new UsageError(`Unknown category "${categoryId}". ${accepted}`);
  const [option] = parseChoice(category, optionId);
  if (optionId.includes(',')) throw new UsageError(`groundwork add takes one option at a time, got "${optionId}".`);

  const record = await readGroundworkJson(cwd);
  let before: Stack;
  try {
    before = validateStack(record.stack);
  } catch (error) {
    throw new GroundworkError(`${GROUNDWORK_JSON} records a stack this generator does not know: ${(error as Error).message}`);
  }
  const after = validateStack(nextStack(before, categoryId, option!));

  const [oldComposition, newComposition] = await Promise.all([composeStack(record.name, before), composeStack(record.name, after)]);
  const paths = new Set([...oldComposition.files.keys(), ...newComposition.files.keys(), '.env']);
  const userFiles = new Map<string, string | undefined>();
  await Promise.all([...paths].map(async (path) => userFiles.set(path, await readFile(join(cwd, path), 'utf8').catch(() => undefined))));

  const plan = planChanges(record.files, oldComposition, newComposition, (path) => userFiles.get(path));
  if (plan.conflicts.length > 0) {
    throw new GroundworkError(
      `Cannot add ${categoryId} ${option}: ${plan.conflicts.length} file(s) you changed need a manual step. Nothing was written.`,
      plan.conflicts.map((conflict) => `  ${conflict.path}: ${conflict.step}`),
    );
  }
  const changes = [...plan.changes, { kind: 'update', path: GROUNDWORK_JSON, contents: newComposition.files.get(GROUNDWORK_JSON)!, merged: false } as Change];
  const secrets = generatedEnvValues(newComposition.modules, () => randomBytes(32).toString('base64url'));
  const env = envChange(userFiles.get('.env'), secrets);
  if (env) changes.push(env);
  userFiles.set(GROUNDWORK_JSON, await readFile(join(cwd, GROUNDWORK_JSON), 'utf8'));

  const summary = {
    added: `${categoryId} ${option}`,
    stack: after,
    implied: newComposition.implied.filter((m) => !oldComposition.implied.some((o) => o.id === m.id)).map((m) => m.title),
    created: changes.filter((c) => c.kind === 'create').map((c) => c.path),
    updated: changes.filter((c) => c.kind === 'update' && !c.merged).map((c) => c.path),
    merged: changes.filter((c) => c.kind === 'update' && c.merged).map((c) => c.path),
    deleted: changes.filter((c) => c.kind === 'delete').map((c) => c.path),
    dryRun: flags['dry-run'] === true,
    installed: false,
  };
  if (!summary.dryRun) {
    await applyChanges(cwd, changes, userFiles);
    if (!flags['no-install']) {
      const pm = projectPackageManager(cwd);
      const progress = flags.json ? undefined : spinner(`Installing dependencies with ${pm}`);
      await installDependencies(cwd, pm).finally(() => progress?.stop(''));
      summary.installed = true;
    }
  }

  if (flags.json) console.log(JSON.stringify(summary, null, 2));
  else {
    const verb = summary.dryRun ? 'Would add' : `${green('✔')} Added`;
    console.log(`${verb} ${bold(summary.added)}${summary.implied.length ? ` (with ${summary.implied.join(', ')})` : ''}`);
    for (const [label, list] of Object.entries({ created: summary.created, updated: summary.updated, 'merged into your edits': summary.merged, deleted: summary.deleted })) {
      for (const path of list) console.log(`  ${dim(label.padEnd(22))} ${path}`);
    }
  }
  return 0;
}
