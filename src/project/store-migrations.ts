// SQL migrations are the project's history, not a function of its stack: every command that changes
// which tables the resources need (create, `add db <store>`, `generate resource`, `remove resource`)
// appends one migration to each SQL store's folder (drizzle/ for PostgreSQL, a folder under it for each
// further SQL store), computed from that folder's newest snapshot, and nothing ever rewrites an existing one. They are
// therefore not part of the composition (and not in its hashes).
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModuleManifest } from '../catalog/types.js';
import { GroundworkError } from '../errors.js';
import { drizzleMigration, type DrizzleDialect, type DrizzleFolder, type MigrationOptions, type SnapshotTable } from '../resources/drizzle-migration.js';
import type { ResourceSpec } from '../resources/resource.js';
import type { Change } from './plan-add.js';

/** The `when` of the first migration of a new project: fixed, so a new project's files do not depend on the clock. */
export const INITIAL_MIGRATION_WHEN = 1795626833194;

/** Each migrations folder the stack's modules keep, by path ("drizzle"). */
export type DrizzleFolders = ReadonlyMap<string, DrizzleFolder>;

const journalOf = (folder: string) => `${folder}/meta/_journal.json`;
const TAG = /^\d{4}_[A-Za-z0-9_-]+$/;

const dialectsOf = (modules: readonly ModuleManifest[]): DrizzleDialect<SnapshotTable>[] => modules.flatMap((m) => (m.migrations ? [m.migrations] : []));

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

/** Later than every migration the journals have (drizzle applies those newer than the last applied one), and not before now. */
export function nextMigrationWhen(folders: DrizzleFolders, now = Date.now()): number {
  const entries = [...folders.values()].flatMap((folder) => (folder.journal as { entries?: { when?: unknown }[] } | undefined)?.entries ?? []);
  const latest = Math.max(0, ...entries.map((entry) => (typeof entry.when === 'number' ? entry.when : 0)));
  return Math.max(now, latest + 1);
}

/** One migrations folder as the migration builder needs it: the journal and the newest snapshot. */
async function readDrizzleFolder(cwd: string, folder: string): Promise<DrizzleFolder> {
  const journal = await readJson(cwd, journalOf(folder));
  const entries = (journal as { entries?: { idx?: unknown; tag?: unknown }[] } | undefined)?.entries;
  const last = Array.isArray(entries) ? entries.at(-1) : undefined;
  if (journal === undefined || last === undefined) return journal === undefined ? {} : { journal };
  if (typeof last.tag !== 'string' || !TAG.test(last.tag)) {
    throw new GroundworkError(`${journalOf(folder)} has an entry without a valid "tag"; restore it from git and run the command again.`);
  }
  const latestSnapshot = await readJson(cwd, `${folder}/meta/${last.tag.slice(0, 4)}_snapshot.json`);
  return latestSnapshot === undefined ? { journal } : { journal, latestSnapshot };
}

/** The migrations folder of every SQL store among `modules`. */
export async function readDrizzleFolders(cwd: string, modules: readonly ModuleManifest[]): Promise<DrizzleFolders> {
  const folders = dialectsOf(modules).map((dialect) => dialect.folder);
  return new Map(await Promise.all(folders.map(async (folder) => [folder, await readDrizzleFolder(cwd, folder)] as const)));
}

/** The migrations the journals of `modules`' stores list, and their files that exist (SQL, snapshot, the journal itself). */
export async function migrationFiles(cwd: string, modules: readonly ModuleManifest[]): Promise<{ tags: string[]; files: string[] }> {
  const tags: string[] = [];
  const candidates: string[] = [];
  for (const [folder, { journal }] of await readDrizzleFolders(cwd, modules)) {
    const entries = (journal as { entries?: { tag?: unknown }[] } | undefined)?.entries;
    const found = (Array.isArray(entries) ? entries : []).flatMap((entry) => (typeof entry.tag === 'string' && TAG.test(entry.tag) ? [entry.tag] : []));
    // A store's folder under drizzle/ prefixes its tags, e.g. "mysql/0000_init".
    tags.push(...found.map((tag) => (folder === 'drizzle' ? tag : `${folder.slice('drizzle/'.length)}/${tag}`)));
    candidates.push(...(journal === undefined ? [] : [journalOf(folder)]), ...found.flatMap((tag) => [`${folder}/${tag}.sql`, `${folder}/meta/${tag.slice(0, 4)}_snapshot.json`]));
  }
  const present = await Promise.all(candidates.map((path) => access(join(cwd, path)).then(() => true, () => false)));
  return { tags, files: candidates.filter((_, i) => present[i]) };
}

/** The files of the migrations that bring each SQL store up to `resources`; none for a store that is there already. */
export function migrationChanges(modules: readonly ModuleManifest[], resources: readonly ResourceSpec[], folders: DrizzleFolders, options: MigrationOptions): Change[] {
  return dialectsOf(modules).flatMap((dialect) => {
    const folder = folders.get(dialect.folder) ?? {};
    const files = drizzleMigration(dialect, resources, folder, options);
    return [...(files ?? [])].map(([path, contents]): Change =>
      path === journalOf(dialect.folder) && folder.journal !== undefined ? { kind: 'update', path, contents, merged: false } : { kind: 'create', path, contents },
    );
  });
}
