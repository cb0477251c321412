// db/mysql's dialect of drizzle-migration.ts: the table mysql-table.ts declares for a resource, as
// drizzle-kit 0.31 records it in a MySQL snapshot (version 5), and the statements it writes.
import { createHash } from 'node:crypto';
import type { FieldType } from './fields.js';
import { byName, drizzleMigration, inDrizzleKitOrder, type DrizzleDialect, type DrizzleFolder, type DrizzleForeignKey as ForeignKey, type MigrationOptions } from './drizzle-migration.js';
import type { ResourceSpec } from './resource.js';
import { tableOutline } from './resource-table.js';

/**
 * Per field type: the drizzle column builder (mysql-table.ts), the TypeScript literal of its options
 * when it takes some, and the SQL type drizzle-kit records for it.
 */
export const MYSQL_COLUMNS: Record<FieldType, { builder: string; options?: string; sqlType: string }> = {
  string: { builder: 'varchar', options: '{ length: 200 }', sqlType: 'varchar(200)' },
  text: { builder: 'text', sqlType: 'text' },
  integer: { builder: 'int', sqlType: 'int' },
  number: { builder: 'double', sqlType: 'double' },
  boolean: { builder: 'boolean', sqlType: 'boolean' },
  // Milliseconds, like the ISO strings records carry; read as text (mode 'string').
  datetime: { builder: 'datetime', options: "{ mode: 'string', fsp: 3 }", sqlType: 'datetime(3)' },
  uuid: { builder: 'char', options: '{ length: 36 }', sqlType: 'char(36)' },
  enum: { builder: 'varchar', options: '{ length: 255 }', sqlType: 'varchar(255)' },
  ref: { builder: 'char', options: '{ length: 36 }', sqlType: 'char(36)' },
};

const MAX_IDENTIFIER = 64;
/**
 * `name` within MySQL's 64 characters: itself when it fits, else its first 55 characters, "_" and 8 hex
 * digits of its SHA-256, so long names stay apart. The table template names indexes and foreign keys with it too.
 */
export function mysqlIdentifier(name: string): string {
  if (name.length <= MAX_IDENTIFIER) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, MAX_IDENTIFIER - hash.length - 1)}_${hash}`;
}

/** The names mysql-table.ts gives a table's indexes and foreign keys (the migrations use the same). */
export const mysqlNames = {
  createdIndex: (table: string) => mysqlIdentifier(`${table}_created_at_id_idx`),
  refIndex: (table: string, column: string) => mysqlIdentifier(`${table}_${column}_idx`),
  foreignKey: (table: string, column: string, target: string) => mysqlIdentifier(`${table}_${column}_${target}_id_fk`),
};

// The snapshot's shapes (drizzle-kit's MySQL snapshot, version 5), as far as these tables use them.
interface Column {
  name: string;
  type: string;
  primaryKey: false;
  notNull: boolean;
  autoincrement: false;
}
interface Index {
  name: string;
  columns: string[];
  isUnique: false;
}
interface PrimaryKey {
  name: string;
  columns: string[];
}
interface Table {
  name: string;
  columns: Record<string, Column>;
  indexes: Record<string, Index>;
  foreignKeys: Record<string, ForeignKey>;
  compositePrimaryKeys: Record<string, PrimaryKey>;
  uniqueConstraints: Record<string, unknown>;
  checkConstraint: Record<string, { name: string; value: string }>;
}
const column = (name: string, type: string, notNull: boolean): Column => ({ name, type, primaryKey: false, notNull, autoincrement: false });
const index = (name: string, columns: string[]): Index => ({ name, columns, isUnique: false });

/** The table mysql-table.ts declares for `resource`, as drizzle-kit records it. */
export function mysqlTable(resource: ResourceSpec): Table {
  const outline = tableOutline(resource, mysqlNames);
  const table = outline.name;
  return {
    name: table,
    // drizzle-kit records a one-column primary key as the table's primary key constraint, not on the column.
    columns: byName(outline.columns.map((c) => column(c.name, MYSQL_COLUMNS[c.type].sqlType, c.notNull))),
    indexes: byName(outline.indexes.map((i) => index(i.name, i.columns))),
    foreignKeys: byName(outline.foreignKeys),
    // drizzle-orm's name for it; MySQL calls every primary key PRIMARY whatever the statement says.
    compositePrimaryKeys: byName([{ name: `${table}_id`, columns: ['id'] }]),
    uniqueConstraints: {},
    // Enum values are the service's check (field-rules.ts), like every other field rule.
    checkConstraint: {},
  };
}

// The statements, spelled as drizzle-kit 0.31 spells them (its MySQL convertors).
const quoted = (columns: string[]): string => columns.map((c) => `\`${c}\``).join(',');
function createTableSql(table: Table): string {
  const lines = Object.values(table.columns).map((c) => `\t\`${c.name}\` ${c.type}${c.notNull ? ' NOT NULL' : ''}`);
  const pk = Object.values(table.compositePrimaryKeys)[0]!;
  lines.push(`\tCONSTRAINT \`${pk.name}\` PRIMARY KEY(${quoted(pk.columns)})`);
  return `CREATE TABLE \`${table.name}\` (\n${lines.join(',\n')}\n);\n`;
}
const foreignKeySql = (fk: ForeignKey): string =>
  `ALTER TABLE \`${fk.tableFrom}\` ADD CONSTRAINT \`${fk.name}\` FOREIGN KEY (${quoted(fk.columnsFrom)}) REFERENCES \`${fk.tableTo}\`(${quoted(fk.columnsTo)}) ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate};`;
const indexSql = (table: string, index: Index): string => `CREATE INDEX \`${index.name}\` ON \`${table}\` (${quoted(index.columns)});`;
const dropTableSql = (table: string): string => `DROP TABLE \`${table}\`;`;

export const mysqlDialect: DrizzleDialect<Table> = {
  id: 'mysql',
  label: 'MySQL',
  folder: 'drizzle/mysql',
  snapshotVersion: '5',
  table: mysqlTable,
  // drizzle-kit keys a MySQL table by its name alone.
  tableKey: (name) => name,
  statements: inDrizzleKitOrder({ createTable: createTableSql, dropTable: dropTableSql, foreignKey: foreignKeySql, index: indexSql }),
  emptySnapshot: () => ({
    version: '5',
    dialect: 'mysql',
    id: '',
    prevId: '',
    tables: {},
    views: {},
    _meta: { schemas: {}, tables: {}, columns: {} },
    internal: { tables: {}, indexes: {} },
  }),
};

/** drizzleMigration for db/mysql, in drizzle/mysql/. */
export const mysqlMigration = (resources: readonly ResourceSpec[], folder: DrizzleFolder, options: MigrationOptions): Map<string, string> | undefined =>
  drizzleMigration(mysqlDialect, resources, folder, options);
