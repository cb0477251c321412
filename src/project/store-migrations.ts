// SQL migrations are the project's history, not a function of its stack: every command that changes
// which tables the resources need (create, `add db postgres`, `generate resource`, `remove resource`)
// appends one migration to drizzle/, computed from the project's newest snapshot, and nothing ever
// rewrites an existing one. They are therefore not part of the composition (and not in its hashes).
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModuleManifest } from '../catalog/types.js';
import { GroundworkError } from '../errors.js';
import { postgresMigration, type DrizzleFolder, type MigrationOptions } from '../resources/postgres-migration.js';
import type { ResourceSpec } from '../resources/resource.js';
import type { Change } from './plan-add.js';

const JOURNAL = 'drizzle/meta/_journal.json';

/** The `when` of the first migration of a new project: fixed, so a new project's files do not depend on the clock. */
export const INITIAL_MIGRATION_WHEN = 1795626833194;

async function readJson(cwd: string, path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(join(cwd, path), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new GroundworkError(`${path} is not valid JSON; restore it from git (drizzle-kit wrote it) and run the command again.`);
  }
}

/** Later than every migration the journal has (drizzle applies those newer than the last applied one), and not before now. */
export function nextMigrationWhen(folder: DrizzleFolder, now = Date.now()): number {
  const entries = (folder.journal as { entries?: { when?: unknown }[] } | undefined)?.entries ?? [];
  const latest = Math.max(0, ...entries.map((entry) => (typeof entry.when === 'number' ? entry.when : 0)));
  return Math.max(now, latest + 1);
}

/** The project's drizzle folder as the migration builder needs it: the journal and the newest snapshot. */
export async function readDrizzleFolder(cwd: string): Promise<DrizzleFolder> {
  const journal = await readJson(cwd, JOURNAL);
  const entries = (journal as { entries?: { idx?: unknown; tag?: unknown }[] } | undefined)?.entries;
  const last = Array.isArray(entries) ? entries.at(-1) : undefined;
  if (journal === undefined || last === undefined) return journal === undefined ? {} : { journal };
  if (typeof last.tag !== 'string' || !/^\d{4}_[A-Za-z0-9_-]+$/.test(last.tag)) {
    throw new GroundworkError(`${JOURNAL} has an entry without a valid "tag"; restore it from git and run the command again.`);
  }
  const latestSnapshot = await readJson(cwd, `drizzle/meta/${last.tag.slice(0, 4)}_snapshot.json`);
  return latestSnapshot === undefined ? { journal } : { journal, latestSnapshot };
}

/** The migrations the project's journal lists, and their files that exist (SQL, snapshot, the journal itself). */
export async function migrationFiles(cwd: string): Promise<{ tags: string[]; files: string[] }> {
  const { journal } = await readDrizzleFolder(cwd);
  const entries = (journal as { entries?: { tag?: unknown }[] } | undefined)?.entries;
  const tags = (Array.isArray(entries) ? entries : []).flatMap((entry) => (typeof entry.tag === 'string' && /^\d{4}_[A-Za-z0-9_-]+$/.test(entry.tag) ? [entry.tag] : []));
  const candidates = [...(journal === undefined ? [] : [JOURNAL]), ...tags.flatMap((tag) => [`drizzle/${tag}.sql`, `drizzle/meta/${tag.slice(0, 4)}_snapshot.json`])];
  const present = await Promise.all(candidates.map((path) => access(join(cwd, path)).then(() => true, () => false)));
  return { tags, files: candidates.filter((_, i) => present[i]) };
}

/** The files of the migration that brings the store up to `resources`, or none when it is there already. */
export function migrationChanges(modules: readonly ModuleManifest[], resources: readonly ResourceSpec[], folder: DrizzleFolder, options: MigrationOptions): Change[] {
  if (!modules.some((m) => m.id === 'db/postgres')) return [];
  const files = postgresMigration([...resources], folder, options);
  if (!files) return [];
  return [...files].map(([path, contents]) =>
    path === JOURNAL && folder.journal !== undefined ? { kind: 'update', path, contents, merged: false } : { kind: 'create', path, contents },
  );
}
