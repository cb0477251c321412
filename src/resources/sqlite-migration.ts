// db/sqlite's dialect of drizzle-migration.ts: the table sqlite-table.ts declares for a resource, as
// drizzle-kit 0.31 records it in a SQLite snapshot (version 6), and the statements it writes.
import type { FieldType } from './fields.js';
import { byName, drizzleMigration, type DrizzleDialect, type DrizzleFolder, type DrizzleForeignKey as ForeignKey, type MigrationOptions } from './drizzle-migration.js';
import type { ResourceSpec } from './resource.js';
import { tableOutline } from './resource-table.js';

/**
 * Per field type: the drizzle column builder (sqlite-table.ts), the TypeScript literal of its options
 * when it takes some, and the SQL type drizzle-kit records for it.
 */
export const SQLITE_COLUMNS: Record<FieldType, { builder: string; options?: string; sqlType: string }> = {
  string: { builder: 'text', sqlType: 'text' },
  text: { builder: 'text', sqlType: 'text' },
  integer: { builder: 'integer', sqlType: 'integer' },
  number: { builder: 'real', sqlType: 'real' },
  boolean: { builder: 'integer', options: "{ mode: 'boolean' }", sqlType: 'integer' },
  // ISO-8601 strings with milliseconds: one width, so they sort as the times they are.
  datetime: { builder: 'text', sqlType: 'text' },
  uuid: { builder: 'text', sqlType: 'text' },
  // The template adds `{ enum: [...] }`, which types the column and leaves no trace in the snapshot.
  enum: { builder: 'text', sqlType: 'text' },
  ref: { builder: 'text', sqlType: 'text' },
};

// The snapshot's shapes (drizzle-kit's SQLite snapshot, version 6), as far as these tables use them.
interface Column {
  name: string;
  type: string;
  primaryKey: boolean;
  notNull: boolean;
  autoincrement: false;
}
interface Index {
  name: string;
  columns: string[];
  isUnique: false;
}
interface Table {
  name: string;
  columns: Record<string, Column>;
  indexes: Record<string, Index>;
  foreignKeys: Record<string, ForeignKey>;
  compositePrimaryKeys: Record<string, unknown>;
  uniqueConstraints: Record<string, unknown>;
  checkConstraints: Record<string, { name: string; value: string }>;
}
const column = (name: string, type: string, notNull: boolean, primaryKey = false): Column => ({ name, type, primaryKey, notNull, autoincrement: false });
const index = (name: string, columns: string[]): Index => ({ name, columns, isUnique: false });

/** The table sqlite-table.ts declares for `resource`, as drizzle-kit records it. */
export function sqliteTable(resource: ResourceSpec): Table {
  const outline = tableOutline(resource);
  return {
    name: outline.name,
    columns: byName(outline.columns.map((c) => column(c.name, SQLITE_COLUMNS[c.type].sqlType, c.notNull, c.role === 'id'))),
    indexes: byName(outline.indexes.map((i) => index(i.name, i.columns))),
    foreignKeys: byName(outline.foreignKeys),
    compositePrimaryKeys: {},
    uniqueConstraints: {},
    // Enum values are the service's check (field-rules.ts), like every other field rule.
    checkConstraints: {},
  };
}

// The statements, spelled as drizzle-kit 0.31 spells them (its SQLite convertors). SQLite cannot add a
// foreign key to a table, so each is a clause of its table's CREATE TABLE (unnamed; the snapshot names it).
const quoted = (columns: string[]): string => columns.map((c) => `\`${c}\``).join(',');
function createTableSql(table: Table): string {
  const lines = Object.values(table.columns).map((c) => `\t\`${c.name}\` ${c.type}${c.primaryKey ? ' PRIMARY KEY' : ''}${c.notNull ? ' NOT NULL' : ''}`);
  for (const fk of Object.values(table.foreignKeys)) {
    lines.push(`\tFOREIGN KEY (${quoted(fk.columnsFrom)}) REFERENCES \`${fk.tableTo}\`(${quoted(fk.columnsTo)}) ON UPDATE ${fk.onUpdate} ON DELETE ${fk.onDelete}`);
  }
  return `CREATE TABLE \`${table.name}\` (\n${lines.join(',\n')}\n);\n`;
}
const indexSql = (table: string, index: Index): string => `CREATE INDEX \`${index.name}\` ON \`${table}\` (${quoted(index.columns)});`;
const dropTableSql = (table: string): string => `DROP TABLE \`${table}\`;`;

/**
 * drizzle-kit's order on SQLite: it lists statements as in every dialect (tables created, dropped, then
 * the new tables' indexes), then groups them by table, in the order each table first appears. So each
 * new table is followed by its own indexes, and the drops come last.
 */
const statements = (created: Table[], dropped: string[]): string[] => [
  ...created.flatMap((table) => [createTableSql(table), ...Object.values(table.indexes).map((i) => indexSql(table.name, i))]),
  ...dropped.map(dropTableSql),
];

export const sqliteDialect: DrizzleDialect<Table> = {
  id: 'sqlite',
  label: 'SQLite',
  folder: 'drizzle/sqlite',
  snapshotVersion: '6',
  table: sqliteTable,
  // drizzle-kit keys a SQLite table by its name alone.
  tableKey: (name) => name,
  statements,
  emptySnapshot: () => ({
    version: '6',
    dialect: 'sqlite',
    id: '',
    prevId: '',
    tables: {},
    views: {},
    enums: {},
    _meta: { schemas: {}, tables: {}, columns: {} },
    internal: { indexes: {} },
  }),
};

/** drizzleMigration for db/sqlite, in drizzle/sqlite/. */
export const sqliteMigration = (resources: readonly ResourceSpec[], folder: DrizzleFolder, options: MigrationOptions): Map<string, string> | undefined =>
  drizzleMigration(sqliteDialect, resources, folder, options);
