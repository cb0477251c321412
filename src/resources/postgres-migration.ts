// The drizzle-kit migration for the tables of resources, written without running drizzle-kit: the SQL
// file, the snapshot and the journal entry `drizzle-kit generate` writes when schema.ts gains or loses
// those tables, so that `npm run db:generate` right after has nothing to migrate. The columns are the
// ones db/postgres's postgres-table.ts template declares (its manifest takes them from POSTGRES_COLUMNS).
// Pure: the caller reads drizzle/ and writes the files.
import { createHash } from 'node:crypto';
import type { FieldType } from './fields.js';
import { resourceNames } from './names.js';
import type { ResourceSpec } from './resource.js';
import { fieldView } from './view.js';

export interface DrizzleFolder {
  /** drizzle/meta/_journal.json, parsed; absent when the project has no migrations yet. */
  journal?: unknown;
  /** The newest drizzle/meta/NNNN_snapshot.json, parsed; absent with the journal. */
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

/** Per field type: the drizzle column builder (postgres-table.ts) and the SQL type drizzle-kit records for it. */
export const POSTGRES_COLUMNS: Record<FieldType, { builder: string; sqlType: string }> = {
  string: { builder: 'text', sqlType: 'text' },
  text: { builder: 'text', sqlType: 'text' },
  integer: { builder: 'integer', sqlType: 'integer' },
  number: { builder: 'doublePrecision', sqlType: 'double precision' },
  boolean: { builder: 'boolean', sqlType: 'boolean' },
  // Without the space drizzle's `timestamp (3)` has: the template reads timestamps as text (mode 'string').
  datetime: { builder: 'timestamp', sqlType: 'timestamp(3) with time zone' },
  uuid: { builder: 'uuid', sqlType: 'uuid' },
  enum: { builder: 'text', sqlType: 'text' },
  ref: { builder: 'uuid', sqlType: 'uuid' },
};

// The snapshot's shapes (drizzle-kit's PostgreSQL snapshot, version 7), as far as these tables use them.
interface Column {
  name: string;
  type: string;
  primaryKey: boolean;
  notNull: boolean;
  default?: string;
}
interface IndexColumn {
  expression: string;
  isExpression: false;
  asc: true;
  nulls: 'last';
}
interface Index {
  name: string;
  columns: IndexColumn[];
  isUnique: false;
  concurrently: false;
  method: 'btree';
  with: Record<string, never>;
}
interface ForeignKey {
  name: string;
  tableFrom: string;
  tableTo: string;
  schemaTo?: string;
  columnsFrom: string[];
  columnsTo: string[];
  onDelete: string;
  onUpdate: string;
}
interface Table {
  name: string;
  schema: string;
  columns: Record<string, Column>;
  indexes: Record<string, Index>;
  foreignKeys: Record<string, ForeignKey>;
  compositePrimaryKeys: Record<string, unknown>;
  uniqueConstraints: Record<string, unknown>;
  policies: Record<string, unknown>;
  checkConstraints: Record<string, { name: string; value: string }>;
  isRLSEnabled: boolean;
}
interface Snapshot {
  id: string;
  prevId: string;
  version: string;
  dialect: string;
  tables: Record<string, Table>;
  [other: string]: unknown;
}
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

const SNAPSHOT_VERSION = '7';
const NO_SNAPSHOT = '00000000-0000-0000-0000-000000000000';
const BREAKPOINT = '--> statement-breakpoint\n';
const TIMESTAMP = POSTGRES_COLUMNS.datetime.sqlType;

const column = (name: string, type: string, notNull: boolean, extra: Partial<Column> = {}): Column => ({ name, type, primaryKey: false, notNull, ...extra });
const btree = (name: string, columns: string[]): Index => ({
  name,
  columns: columns.map((expression) => ({ expression, isExpression: false, asc: true, nulls: 'last' })),
  isUnique: false,
  concurrently: false,
  method: 'btree',
  with: {},
});
const byName = <T extends { name: string }>(items: T[]): Record<string, T> => Object.fromEntries(items.map((item) => [item.name, item]));

/** The table postgres-table.ts declares for `resource`, as drizzle-kit records it. */
export function postgresTable(resource: ResourceSpec): Table {
  const table = resourceNames(resource.name).pluralSnake;
  const fields = resource.fields.map(fieldView);
  const refs = fields.filter((field) => field.ref !== undefined);
  return {
    name: table,
    schema: '',
    columns: byName([
      column('id', 'uuid', true, { primaryKey: true, default: 'gen_random_uuid()' }),
      ...fields.map((field) => column(field.keySnake, POSTGRES_COLUMNS[field.type].sqlType, field.required)),
      column('created_at', TIMESTAMP, true, { default: 'now()' }),
      column('updated_at', TIMESTAMP, true, { default: 'now()' }),
    ]),
    indexes: byName([btree(`${table}_created_at_id_idx`, ['created_at', 'id']), ...refs.map((field) => btree(`${table}_${field.keySnake}_idx`, [field.keySnake]))]),
    foreignKeys: byName(
      refs.map((field): ForeignKey => {
        const target = field.ref!.pluralSnake;
        return {
          name: `${table}_${field.keySnake}_${target}_id_fk`,
          tableFrom: table,
          tableTo: target,
          columnsFrom: [field.keySnake],
          columnsTo: ['id'],
          onDelete: 'restrict',
          onUpdate: 'no action',
        };
      }),
    ),
    compositePrimaryKeys: {},
    uniqueConstraints: {},
    policies: {},
    // Enum values are the service's check (field-rules.ts), like every other field rule.
    checkConstraints: {},
    isRLSEnabled: false,
  };
}

// The statements, spelled as drizzle-kit 0.31 spells them (its PostgreSQL convertors).
function createTableSql(table: Table): string {
  const lines = Object.values(table.columns).map(
    (c) => `\t"${c.name}" ${c.type}${c.primaryKey ? ' PRIMARY KEY' : ''}${c.default === undefined ? '' : ` DEFAULT ${c.default}`}${c.notNull ? ' NOT NULL' : ''}`,
  );
  return `CREATE TABLE "${table.name}" (\n${lines.join(',\n')}\n);\n`;
}
const foreignKeySql = (fk: ForeignKey): string =>
  `ALTER TABLE "${fk.tableFrom}" ADD CONSTRAINT "${fk.name}" FOREIGN KEY (${fk.columnsFrom.map((c) => `"${c}"`).join(',')}) REFERENCES "public"."${fk.tableTo}"(${fk.columnsTo.map((c) => `"${c}"`).join(',')}) ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate};`;
const indexSql = (table: string, index: Index): string =>
  `CREATE INDEX "${index.name}" ON "${table}" USING btree (${index.columns.map((c) => `"${c.expression}"`).join(',')});`;
const dropTableSql = (table: string): string => `DROP TABLE "${table}" CASCADE;`;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function readJournal(value: unknown): Journal {
  if (value === undefined) return { version: SNAPSHOT_VERSION, dialect: 'postgresql', entries: [] };
  const entries = isRecord(value) ? value.entries : undefined;
  const sound =
    isRecord(value) &&
    value.dialect === 'postgresql' &&
    Array.isArray(entries) &&
    entries.every((entry) => isRecord(entry) && typeof entry.idx === 'number' && typeof entry.when === 'number' && typeof entry.tag === 'string');
  if (!sound) throw new Error('drizzle/meta/_journal.json is not a drizzle-kit PostgreSQL journal');
  return structuredClone(value) as Journal;
}

function readSnapshot(value: unknown, journal: Journal): Snapshot | undefined {
  if (value === undefined) {
    if (journal.entries.length > 0) throw new Error('drizzle/meta/_journal.json lists migrations but drizzle/meta has no snapshot');
    return undefined;
  }
  const sound = isRecord(value) && value.dialect === 'postgresql' && value.version === SNAPSHOT_VERSION && typeof value.id === 'string' && isRecord(value.tables);
  if (!sound) throw new Error(`the latest drizzle/meta snapshot is not a drizzle-kit PostgreSQL snapshot of version ${SNAPSHOT_VERSION}`);
  return structuredClone(value) as Snapshot;
}

function emptySnapshot(): Snapshot {
  return {
    id: NO_SNAPSHOT,
    prevId: NO_SNAPSHOT,
    version: SNAPSHOT_VERSION,
    dialect: 'postgresql',
    tables: {},
    enums: {},
    schemas: {},
    sequences: {},
    roles: {},
    policies: {},
    views: {},
    _meta: { columns: {}, schemas: {}, tables: {} },
  };
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

// drizzle-kit keys a table by schema and name; the tables of resources are in the default schema.
const tableKey = (name: string): string => `public.${name}`;

/**
 * The files of one new migration that creates the table of every resource the snapshot lacks and drops
 * the tables of `options.removed`: `drizzle/NNNN_<name>.sql`, `drizzle/meta/NNNN_snapshot.json` and
 * the updated `drizzle/meta/_journal.json`. Undefined when there is nothing to change. Tables the
 * snapshot has for a resource are kept as they are (the user may have changed them with drizzle-kit).
 * Throws when a table to drop is still referenced by one that stays, or a new table references one
 * that will not exist.
 */
export function postgresMigration(resources: readonly ResourceSpec[], folder: DrizzleFolder, options: MigrationOptions): Map<string, string> | undefined {
  if (!/^[a-z0-9_]+$/.test(options.name)) throw new Error(`migration name "${options.name}" must be lowercase letters, digits and "_"`);
  const journal = readJournal(folder.journal);
  const previous = readSnapshot(folder.latestSnapshot, journal);
  const tables = { ...previous?.tables };

  const kept = new Set(resources.map((resource) => resourceNames(resource.name).pluralSnake));
  const dropped = (options.removed ?? [])
    .map((resource) => resourceNames(resource.name).pluralSnake)
    .filter((name, i, names) => !kept.has(name) && names.indexOf(name) === i && tables[tableKey(name)] !== undefined);
  for (const name of dropped) delete tables[tableKey(name)];
  for (const table of Object.values(tables)) {
    const blocking = Object.values(table.foreignKeys ?? {}).find((fk) => dropped.includes(fk.tableTo) && (fk.schemaTo ?? 'public') === 'public');
    if (blocking) throw new Error(`cannot drop table "${blocking.tableTo}": table "${table.name}" still references it (${blocking.name})`);
  }

  // In the order drizzle-kit writes them: it reads schema.ts's exports sorted by name (tables sort alike).
  const created = resources
    .map(postgresTable)
    .filter((table) => tables[tableKey(table.name)] === undefined)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const table of created) tables[tableKey(table.name)] = table;
  for (const table of created) {
    const missing = Object.values(table.foreignKeys).find((fk) => tables[tableKey(fk.tableTo)] === undefined);
    if (missing) throw new Error(`table "${table.name}" references table "${missing.tableTo}", which is not in the schema`);
  }
  if (created.length === 0 && dropped.length === 0) return undefined;

  const statements = [
    ...created.map(createTableSql),
    ...dropped.map(dropTableSql),
    ...created.flatMap((table) => Object.values(table.foreignKeys).map(foreignKeySql)),
    ...created.flatMap((table) => Object.values(table.indexes).map((index) => indexSql(table.name, index))),
  ];

  const base = previous ?? emptySnapshot();
  const prevId = previous?.id ?? NO_SNAPSHOT;
  // drizzle-kit writes a new snapshot's _meta (the renames it asked about) fresh: these are none.
  const { id: _id, prevId: _prevId, _meta: _oldMeta, ...rest } = base;
  const sortedTables = Object.fromEntries(Object.entries(tables).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const content = { ...rest, tables: sortedTables, _meta: { columns: {}, schemas: {}, tables: {} } };
  const snapshot = { id: nameBasedUuid(JSON.stringify({ prevId, ...content })), prevId, ...content };

  const last = journal.entries.at(-1);
  const idx = last === undefined ? 0 : last.idx + 1;
  const prefix = String(idx).padStart(4, '0');
  const tag = `${prefix}_${options.name}`;
  journal.entries.push({ idx, version: snapshot.version, when: Math.max(options.when, last === undefined ? 0 : last.when + 1), tag, breakpoints: true });

  return new Map([
    [`drizzle/${tag}.sql`, statements.join(BREAKPOINT)],
    [`drizzle/meta/${prefix}_snapshot.json`, JSON.stringify(snapshot, null, 2)],
    ['drizzle/meta/_journal.json', JSON.stringify(journal, null, 2)],
  ]);
}
