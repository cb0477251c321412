// The one way a command changes an existing project (`add`, `generate resource`, `remove resource`):
// under the project lock, after undoing an interrupted command, recompose the recorded project and the
// changed one, plan the difference without losing user edits (project/plan-add.ts), refuse with manual
// steps on conflicts, and apply everything in one transaction. Nothing is written on --dry-run.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Stack } from '../catalog/types.js';
import { validateStack } from '../catalog/validate.js';
import { composeStack } from '../compose/compose-stack.js';
import { GROUNDWORK_JSON, type Composition, type GroundworkJson } from '../compose/compose.js';
import { generatedEnvValues } from '../compose/outputs/env.js';
import { GroundworkError } from '../errors.js';
import { generatorVersion } from '../paths.js';
import { envFileChange } from '../project/env-file.js';
import { projectGeneratorSpec } from '../project/generator-spec.js';
import { readGroundworkJson } from '../project/groundwork-file.js';
import { acquireProjectLock } from '../project/lock.js';
import { planChanges, type Change } from '../project/plan-add.js';
import { beginTransaction, recoverLeftover, TX_DIR } from '../project/transaction.js';
import { migrationChanges, nextMigrationWhen, readDrizzleFolders } from '../project/store-migrations.js';
import type { ResourceSpec } from '../resources/resource.js';
import type { JobSpec } from '../units/job.js';
import type { RouteSpec } from '../units/route.js';
import { cancelled, trapInterrupts, type Interrupts } from './interrupts.js';

export interface ProjectTarget {
  stack: Stack;
  /** Each default: the recorded ones. */
  resources?: readonly ResourceSpec[];
  jobs?: readonly JobSpec[];
  routes?: readonly RouteSpec[];
}

/**
 * Why the changed project could not hold its jobs or routes (a job needs a queue, a route REST), or
 * undefined. Worded for generating one into a project without the module, and for replacing the module.
 */
function homelessUnits(after: Composition, target: Required<ProjectTarget>, record: GroundworkJson, action: string): string | undefined {
  const cases = [
    { units: target.jobs, recorded: record.jobs, kind: 'job', rendered: after.renders.jobs, needs: 'a job queue', add: 'queue bullmq' },
    { units: target.routes, recorded: record.routes, kind: 'route', rendered: after.renders.routes, needs: 'the REST API', add: 'api rest' },
  ];
  for (const { units, recorded, kind, rendered, needs, add } of cases) {
    if (rendered || units.length === 0) continue;
    if (recorded.length === 0) return `Cannot ${action}: a ${kind} needs ${needs}, and this project has none. Add it first: groundwork add ${add}.`;
    const names = recorded.map((unit) => unit.name);
    return `Cannot ${action}: the project's ${kind}s (${names.join(', ')}) need ${needs}. Remove them first: groundwork remove ${kind} ${names[0]}${names.length > 1 ? ', and the others' : ''}.`;
  }
  return undefined;
}

export interface ChangeRequest {
  cwd: string;
  argv: readonly string[];
  /** The command line, for the lock, the journal and "run it again" advice. */
  command: string;
  /** What the change is, for messages: "add cache redis", "generate resource invoices". */
  action: string;
  dryRun: boolean;
  /** The project after the change, from its record (throws a user error when the change is not possible). */
  target(record: GroundworkJson, stack: Stack): ProjectTarget;
  /** The SQL migration, should the change alter the tables (see project/store-migrations.ts); default: named "init", nothing removed. */
  migration?(): { name: string; removed?: readonly ResourceSpec[] };
  /** Runs after the transaction is applied, still under the lock (e.g. an install); its interrupt phases release the lock. */
  afterApply?(interrupts: Interrupts, releaseLock: () => void): Promise<void>;
}

export interface ChangeOutcome {
  record: GroundworkJson;
  before: Composition;
  after: Composition;
  created: string[];
  updated: string[];
  merged: string[];
  deleted: string[];
  skipped: string[];
  notes: string[];
}

function recordedStack(record: GroundworkJson): Stack {
  try {
    return validateStack(record.stack);
  } catch (error) {
    throw new GroundworkError(`${GROUNDWORK_JSON} records a stack this generator does not know: ${(error as Error).message}`);
  }
}

export async function changeProject(request: ChangeRequest): Promise<ChangeOutcome> {
  const { cwd, argv, command, action, dryRun } = request;
  const leftover = existsSync(join(cwd, TX_DIR));
  // Not a project: fail before writing anything, even a lock file.
  if (!leftover) await readGroundworkJson(cwd);
  if (dryRun && leftover) {
    throw new GroundworkError(`An interrupted groundwork command left ${TX_DIR} in ${cwd}; run the command without --dry-run (it first undoes that command) or any other groundwork command there.`);
  }

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
    const requested = request.target(record, recordedStack(record));
    const target = { resources: record.resources, jobs: record.jobs, routes: record.routes, ...requested };
    const stack = validateStack(target.stack);

    // The old output with the spec it was made with; the new one keeps whatever the user has now.
    const userPackageJson = await readFile(join(cwd, 'package.json'), 'utf8').catch(() => undefined);
    const [before, after] = await Promise.all([
      composeStack(record.name, recordedStack(record), { generatorSpec: record.generatorSpec ?? record.version, resources: record.resources, jobs: record.jobs, routes: record.routes }),
      composeStack(record.name, stack, {
        generatorSpec: projectGeneratorSpec(userPackageJson) ?? record.generatorSpec ?? generatorVersion,
        resources: target.resources,
        jobs: target.jobs,
        routes: target.routes,
      }),
    ]);
    const homeless = homelessUnits(after, target, record, action);
    if (homeless !== undefined) throw new GroundworkError(homeless);
    const userFiles = new Map<string, string | undefined>();
    const read = async (path: string) => userFiles.set(path, await readFile(join(cwd, path), 'utf8').catch(() => undefined));
    await Promise.all([...new Set([...before.files.keys(), ...after.files.keys(), '.env'])].map(read));
    const readUserFile = (path: string) => userFiles.get(path);

    const plan = planChanges(record.files, before, after, readUserFile);
    if (plan.conflicts.length > 0) {
      throw new GroundworkError(`Cannot ${action}: ${plan.conflicts.length} file(s) you changed need a manual step. Nothing was written.`, [
        ...plan.conflicts.map((conflict) => `  ${conflict.path}: ${conflict.step}`),
        `Once these are done, run "${command}" again: it goes on from there.`,
      ]);
    }
    const folders = await readDrizzleFolders(cwd, after.modules);
    const migration = migrationChanges(after.modules, target.resources, folders, { when: nextMigrationWhen(folders), ...(request.migration?.() ?? { name: 'init' }) });
    const changes: Change[] = [...plan.changes, ...migration];
    changes.push({ kind: 'update', path: GROUNDWORK_JSON, contents: after.files.get(GROUNDWORK_JSON)!, merged: false });
    const secrets = generatedEnvValues(after.modules, () => randomBytes(32).toString('base64url'));
    const env = envFileChange(userFiles.get('.env'), secrets);
    if (env) {
      changes.push(userFiles.get('.env') === undefined ? { kind: 'create', path: '.env', contents: env.contents } : { kind: 'update', path: '.env', contents: env.contents, merged: true });
    }
    if (plan.skipped.length > 0) notes.push(`Left deleted, as you deleted them: ${plan.skipped.join(', ')}.`);

    if (!dryRun) {
      const transaction = beginTransaction(cwd, { command });
      interrupts.phase(() => {
        transaction.discard();
        lock?.release();
        return cancelled(argv);
      });
      try {
        for (const change of changes) {
          // Yield between files, so a Ctrl-C while staging is handled (and discards the staging) at
          // once rather than after the change has been applied.
          await new Promise((resolve) => setImmediate(resolve));
          transaction.stage(change.kind === 'delete' ? { path: change.path, delete: true } : { path: change.path, contents: change.contents });
        }
      } catch (error) {
        transaction.discard();
        throw error;
      }
      transaction.apply();
      interrupts.phase(() => {
        lock?.release();
        return `Interrupted after ${action} was written in full.`;
      });
      await request.afterApply?.(interrupts, () => lock?.release());
    }
    const paths = (keep: (change: Change) => boolean) => changes.filter(keep).map((change) => change.path);
    return {
      record,
      before,
      after,
      created: paths((c) => c.kind === 'create'),
      updated: paths((c) => c.kind === 'update' && !c.merged),
      merged: paths((c) => c.kind === 'update' && c.merged),
      deleted: paths((c) => c.kind === 'delete'),
      skipped: plan.skipped,
      notes,
    };
  } finally {
    lock?.release();
    interrupts.release();
  }
}
