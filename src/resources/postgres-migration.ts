// db/postgres's dialect of drizzle-migration.ts: the table postgres-table.ts declares for a resource,
// as drizzle-kit 0.31 records it in a PostgreSQL snapshot (version 7), and the statements it writes.
import type { FieldType } from './fields.js';
import { byName, drizzleMigration, inDrizzleKitOrder, type DrizzleDialect, type DrizzleFolder, type DrizzleForeignKey as ForeignKey, type MigrationOptions } from './drizzle-migration.js';
import type { ResourceSpec } from './resource.js';
import { type OutlineColumn, tableOutline } from './resource-table.js';

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
const column = (name: string, type: string, notNull: boolean, extra: Partial<Column> = {}): Column => ({ name, type, primaryKey: false, notNull, ...extra });
const btree = (name: string, columns: string[]): Index => ({
  name,
  columns: columns.map((expression) => ({ expression, isExpression: false, asc: true, nulls: 'last' })),
  isUnique: false,
  concurrently: false,
  method: 'btree',
  with: {},
});

/** The table postgres-table.ts declares for `resource`, as drizzle-kit records it. */
export function postgresTable(resource: ResourceSpec): Table {
  const outline = tableOutline(resource);
  const extra = (role: OutlineColumn['role']): Partial<Column> =>
    role === 'id' ? { primaryKey: true, default: 'gen_random_uuid()' } : role === 'timestamp' ? { default: 'now()' } : {};
  return {
    name: outline.name,
    schema: '',
    columns: byName(outline.columns.map((c) => column(c.name, POSTGRES_COLUMNS[c.type].sqlType, c.notNull, extra(c.role)))),
    indexes: byName(outline.indexes.map((i) => btree(i.name, i.columns))),
    foreignKeys: byName(outline.foreignKeys),
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

export const postgresDialect: DrizzleDialect<Table> = {
  id: 'postgresql',
  label: 'PostgreSQL',
  folder: 'drizzle',
  snapshotVersion: '7',
  table: postgresTable,
  // drizzle-kit keys a table by schema and name; the tables of resources are in the default schema.
  tableKey: (name) => `public.${name}`,
  statements: inDrizzleKitOrder({ createTable: createTableSql, dropTable: dropTableSql, foreignKey: foreignKeySql, index: indexSql }),
  emptySnapshot: () => ({
    id: '',
    prevId: '',
    version: '7',
    dialect: 'postgresql',
    tables: {},
    enums: {},
    schemas: {},
    sequences: {},
    roles: {},
    policies: {},
    views: {},
    _meta: { columns: {}, schemas: {}, tables: {} },
  }),
};

/** drizzleMigration for db/postgres, in drizzle/. */
export const postgresMigration = (resources: readonly ResourceSpec[], folder: DrizzleFolder, options: MigrationOptions): Map<string, string> | undefined =>
  drizzleMigration(postgresDialect, resources, folder, options);
