// The drizzle-kit migration for the tables of resources, written without running drizzle-kit: the SQL
// file, the snapshot and the journal entry `drizzle-kit generate` writes when the schema gains or loses
// those tables, so that `npm run db:generate` right after has nothing to migrate. What differs between
// SQL databases (the table a resource gets, the statements, the snapshot's shape) is a dialect's
// (postgres-migration.ts is the first); the journal and the chain of snapshots are here.
// Pure: the caller reads the folder and writes the files.
import { createHash } from 'node:crypto';
import { resourceNames } from './names.js';
import type { ResourceSpec } from './resource.js';

export interface DrizzleFolder {
  /** <folder>/meta/_journal.json, parsed; absent when the project has no migrations yet. */
  journal?: unknown;
  /** The newest <folder>/meta/NNNN_snapshot.json, parsed; absent with the journal. */
  latestSnapshot?: unknown;
}

export interface MigrationOptions {
  /** The journal entry's `when` (ms); raised past the previous entry's, since drizzle's migrator skips older ones. */
  when: number;
  /** The tag after the index: `0001_<name>`; lowercase letters, digits and "_". */
  name: string;
  /**
   * Resources being removed: each one's table is dropped when the snapshot has it. No other table is
   * ever dropped, so a table the user made (whatever it looks like) is left alone.
   */
  removed?: readonly Pick<ResourceSpec, 'name'>[];
}

/** A foreign key as both dialects' snapshots record it (PostgreSQL's may name the target's schema). */
export interface DrizzleForeignKey {
  name: string;
  tableFrom: string;
  tableTo: string;
  schemaTo?: string;
  columnsFrom: string[];
  columnsTo: string[];
  onDelete: string;
  onUpdate: string;
}

/** What the chain needs of a snapshot's table, in either dialect. */
export interface SnapshotTable {
  name: string;
  foreignKeys: Record<string, { name: string; tableTo: string; schemaTo?: string }>;
}

type Snapshot<T extends SnapshotTable> = { id: string; prevId: string; version: string; dialect: string; tables: Record<string, T>; [other: string]: unknown };

export interface DrizzleDialect<T extends SnapshotTable> {
  /** The journal's and snapshots' `dialect`. */
  id: string;
  /** "PostgreSQL", in messages. */
  label: string;
  /** The migrations folder, from the project root: drizzle.config.ts's `out`. */
  folder: string;
  snapshotVersion: string;
  /** The table drizzle-kit records for `resource`'s table declaration. */
  table(resource: ResourceSpec): T;
  /** The snapshot's key of a table in the default schema. */
  tableKey(name: string): string;
  /** The statements that create `created` (new, sorted by name) and drop the tables named `dropped`. */
  statements(created: T[], dropped: string[]): string[];
  /** A snapshot with no tables, every key in drizzle-kit's order. */
  emptySnapshot(): Snapshot<T>;
}

/** How a dialect spells each statement of a migration. */
export interface DrizzleStatements<T, F, I> {
  createTable(table: T): string;
  dropTable(name: string): string;
  foreignKey(foreignKey: F): string;
  index(table: string, index: I): string;
}

/**
 * A dialect's `statements` in drizzle-kit's order for PostgreSQL and MySQL: the tables created, the
 * tables dropped, then the new tables' foreign keys and indexes (so a foreign key may point at a table
 * created after its own). SQLite's differs (sqlite-migration.ts).
 */
export const inDrizzleKitOrder =
  <T extends { name: string; foreignKeys: Record<string, F>; indexes: Record<string, I> }, F, I>(spell: DrizzleStatements<T, F, I>) =>
  (created: T[], dropped: string[]): string[] => [
    ...created.map((table) => spell.createTable(table)),
    ...dropped.map((name) => spell.dropTable(name)),
    ...created.flatMap((table) => Object.values(table.foreignKeys).map((fk) => spell.foreignKey(fk))),
    ...created.flatMap((table) => Object.values(table.indexes).map((index) => spell.index(table.name, index))),
  ];

const NO_SNAPSHOT = '00000000-0000-0000-0000-000000000000';
const JOURNAL_VERSION = '7';
export const BREAKPOINT = '--> statement-breakpoint\n';

interface JournalEntry {
  idx: number;
  version: string;
  when: number;
  tag: string;
  breakpoints: boolean;
}
interface Journal {
  version: string;
  dialect: string;
  entries: JournalEntry[];
  [other: string]: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
export const byName = <T extends { name: string }>(items: T[]): Record<string, T> => Object.fromEntries(items.map((item) => [item.name, item]));
const byKey = <V>(entries: [string, V][]): [string, V][] => entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

function readJournal(dialect: DrizzleDialect<SnapshotTable>, value: unknown): Journal {
  if (value === undefined) return { version: JOURNAL_VERSION, dialect: dialect.id, entries: [] };
  const entries = isRecord(value) ? value.entries : undefined;
  const sound =
    isRecord(value) &&
    value.dialect === dialect.id &&
    Array.isArray(entries) &&
    entries.every((entry) => isRecord(entry) && typeof entry.idx === 'number' && typeof entry.when === 'number' && typeof entry.tag === 'string');
  if (!sound) throw new Error(`${dialect.folder}/meta/_journal.json is not a drizzle-kit ${dialect.label} journal`);
  return structuredClone(value) as Journal;
}

function readSnapshot<T extends SnapshotTable>(dialect: DrizzleDialect<T>, value: unknown, journal: Journal): Snapshot<T> | undefined {
  if (value === undefined) {
    if (journal.entries.length > 0) throw new Error(`${dialect.folder}/meta/_journal.json lists migrations but ${dialect.folder}/meta has no snapshot`);
    return undefined;
  }
  const sound = isRecord(value) && value.dialect === dialect.id && value.version === dialect.snapshotVersion && typeof value.id === 'string' && isRecord(value.tables);
  if (!sound) throw new Error(`the latest ${dialect.folder}/meta snapshot is not a drizzle-kit ${dialect.label} snapshot of version ${dialect.snapshotVersion}`);
  return structuredClone(value) as Snapshot<T>;
}

// RFC 9562 name-based UUID (version 5, SHA-1) in a namespace of our own: the same snapshot after the
// same previous one always gets the same id, and the chain of prevIds keeps ids apart.
const SNAPSHOT_NAMESPACE = Buffer.from('5b0c3f3e7d2a4f1c9e6b8a4d2c1f0e9a', 'hex');
function nameBasedUuid(name: string): string {
  const bytes = createHash('sha1').update(SNAPSHOT_NAMESPACE).update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The files of one new migration that creates the table of every resource the snapshot lacks and drops
 * the tables of `options.removed`: `<folder>/NNNN_<name>.sql`, `<folder>/meta/NNNN_snapshot.json` and
 * the updated `<folder>/meta/_journal.json`. Undefined when there is nothing to change. Tables the
 * snapshot has for a resource are kept as they are (the user may have changed them with drizzle-kit).
 * Throws when a table to drop is still referenced by one that stays, or a new table references one
 * that will not exist.
 */
export function drizzleMigration<T extends SnapshotTable>(
  dialect: DrizzleDialect<T>,
  resources: readonly ResourceSpec[],
  folder: DrizzleFolder,
  options: MigrationOptions,
): Map<string, string> | undefined {
  if (!/^[a-z0-9_]+$/.test(options.name)) throw new Error(`migration name "${options.name}" must be lowercase letters, digits and "_"`);
  const journal = readJournal(dialect, folder.journal);
  const previous = readSnapshot(dialect, folder.latestSnapshot, journal);
  const tables: Record<string, T> = { ...previous?.tables };
  const has = (name: string) => tables[dialect.tableKey(name)] !== undefined;

  const kept = new Set(resources.map((resource) => resourceNames(resource.name).pluralSnake));
  const removed = new Set((options.removed ?? []).map((resource) => resourceNames(resource.name).pluralSnake));
  // In the snapshot's order, as drizzle-kit drops them.
  const keys = Object.keys(tables);
  const dropped = [...removed].filter((name) => !kept.has(name) && has(name)).sort((a, b) => keys.indexOf(dialect.tableKey(a)) - keys.indexOf(dialect.tableKey(b)));
  for (const name of dropped) delete tables[dialect.tableKey(name)];
  for (const table of Object.values(tables)) {
    const blocking = Object.values(table.foreignKeys ?? {}).find((fk) => dropped.includes(fk.tableTo) && (fk.schemaTo ?? 'public') === 'public');
    if (blocking) throw new Error(`cannot drop table "${blocking.tableTo}": table "${table.name}" still references it (${blocking.name})`);
  }

  // In the order drizzle-kit writes them: it reads the schema's exports sorted by name (tables sort alike).
  const created = resources
    .map((resource) => dialect.table(resource))
    .filter((table) => !has(table.name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const table of created) tables[dialect.tableKey(table.name)] = table;
  for (const table of created) {
    const missing = Object.values(table.foreignKeys).find((fk) => !has(fk.tableTo));
    if (missing) throw new Error(`table "${table.name}" references table "${missing.tableTo}", which is not in the schema`);
  }
  if (created.length === 0 && dropped.length === 0) return undefined;

  const prevId = previous?.id ?? NO_SNAPSHOT;
  // drizzle-kit writes a new snapshot's _meta (the renames it asked about) fresh: these are none. Every
  // other key keeps its place: the empty snapshot's order, with what an existing one has.
  const empty = dialect.emptySnapshot();
  const { id: _id, prevId: _prevId, _meta: _oldMeta, ...rest } = { ...empty, ...previous };
  const content = { ...rest, tables: Object.fromEntries(byKey(Object.entries(tables))), _meta: empty._meta };
  const id = nameBasedUuid(JSON.stringify({ prevId, ...content }));
  // Spread into the empty snapshot, every key lands in its place there (id and prevId included).
  const snapshot = { ...empty, ...content, id, prevId };

  const last = journal.entries.at(-1);
  const idx = last === undefined ? 0 : last.idx + 1;
  const prefix = String(idx).padStart(4, '0');
  const tag = `${prefix}_${options.name}`;
  journal.entries.push({ idx, version: dialect.snapshotVersion, when: Math.max(options.when, last === undefined ? 0 : last.when + 1), tag, breakpoints: true });

  return new Map([
    [`${dialect.folder}/${tag}.sql`, dialect.statements(created, dropped).join(BREAKPOINT)],
    [`${dialect.folder}/meta/${prefix}_snapshot.json`, JSON.stringify(snapshot, null, 2)],
    [`${dialect.folder}/meta/_journal.json`, JSON.stringify(journal, null, 2)],
  ]);
}
