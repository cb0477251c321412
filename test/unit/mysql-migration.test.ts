// The migrations `generate resource`, `remove resource` and create write for db/mysql: the files
// drizzle-kit would write for the same schema change, and never a change to a table the user made.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ResourceSpec } from '../../src/resources/resource.js';
import { SAMPLE_RESOURCE } from '../../src/resources/resource.js';
import type { DrizzleFolder } from '../../src/resources/drizzle-migration.js';
import { MYSQL_COLUMNS, mysqlDialect, mysqlIdentifier, mysqlMigration, mysqlTable } from '../../src/resources/mysql-migration.js';
import { WHEN, customers, drizzleMigrationContract, folderAfter, lineItems } from './drizzle-migration-contract.js';

describe('mysqlMigration', () => {
  drizzleMigrationContract(mysqlDialect, {
    folder: 'drizzle/mysql',
    id: 'mysql',
    snapshotVersion: '5',
    label: 'MySQL',
    // drizzle-kit keys a MySQL table by its name alone.
    tableKey: (name) => name,
    quote: (name) => `\`${name}\``,
    drop: (table) => `DROP TABLE \`${table}\`;`,
    userTable: {
      columns: { id: { name: 'id', type: 'serial', primaryKey: false, notNull: true, autoincrement: true } },
      indexes: {},
      compositePrimaryKeys: { audit_log_id: { name: 'audit_log_id', columns: ['id'] } },
    },
    lineItemsColumns: [
        ['id', 'char(36)', true],
        ['title', 'varchar(200)', true],
        ['body', 'text', false],
        ['count', 'int', true],
        ['amount', 'double', false],
        ['paid', 'boolean', true],
        ['due_date', 'datetime(3)', false],
        ['external_id', 'char(36)', true],
        ['status', 'varchar(255)', true],
        ['customer_id', 'char(36)', true],
        ['referrer_id', 'char(36)', false],
        ['created_at', 'datetime(3)', true],
        ['updated_at', 'datetime(3)', true],
    ],
    declarations: {
      columns: MYSQL_COLUMNS,
      expected: {
          string: "varchar('x', { length: 200 })",
          text: "text('x')",
          integer: "int('x')",
          number: "double('x')",
          boolean: "boolean('x')",
          datetime: "datetime('x', { mode: 'string', fsp: 3 })",
          uuid: "char('x', { length: 36 })",
          enum: "varchar('x', { length: 255 })",
          ref: "char('x', { length: 36 })",
      },
    },
  });
});

const snapshotOf = (files: Map<string, string>, prefix: string) => JSON.parse(files.get(`drizzle/mysql/meta/${prefix}_snapshot.json`)!);

// What drizzle-kit 0.31 writes for the notes table of mysql-table.ts (timestamps DATETIME(3) in mode 'string').
const NOTES_INIT_SQL = `CREATE TABLE \`notes\` (
\t\`id\` char(36) NOT NULL,
\t\`title\` varchar(200) NOT NULL,
\t\`body\` text NOT NULL,
\t\`created_at\` datetime(3) NOT NULL,
\t\`updated_at\` datetime(3) NOT NULL,
\tCONSTRAINT \`notes_id\` PRIMARY KEY(\`id\`)
);
--> statement-breakpoint
CREATE INDEX \`notes_created_at_id_idx\` ON \`notes\` (\`created_at\`,\`id\`);`;

// The snapshot drizzle-kit 0.31 writes for it, every key in its order (its id and prevId aside).
const column = (name: string, type: string) => ({ name, type, primaryKey: false, notNull: true, autoincrement: false });
const NOTES_SNAPSHOT = {
  version: '5',
  dialect: 'mysql',
  id: '',
  prevId: '',
  tables: {
    notes: {
      name: 'notes',
      columns: {
        id: column('id', 'char(36)'),
        title: column('title', 'varchar(200)'),
        body: column('body', 'text'),
        created_at: column('created_at', 'datetime(3)'),
        updated_at: column('updated_at', 'datetime(3)'),
      },
      indexes: { notes_created_at_id_idx: { name: 'notes_created_at_id_idx', columns: ['created_at', 'id'], isUnique: false } },
      foreignKeys: {},
      compositePrimaryKeys: { notes_id: { name: 'notes_id', columns: ['id'] } },
      uniqueConstraints: {},
      checkConstraint: {},
    },
  },
  views: {},
  _meta: { schemas: {}, tables: {}, columns: {} },
  internal: { tables: {}, indexes: {} },
};

describe('mysqlMigration SQL and snapshot, as drizzle-kit writes them', () => {
  const files = mysqlMigration([SAMPLE_RESOURCE], {}, { when: WHEN, name: 'init' })!;

  it('writes the init migration of the notes table', () => {
    expect(files.get('drizzle/mysql/0000_init.sql')).toBe(NOTES_INIT_SQL);
  });

  it('snapshots every key, in its order', () => {
    const snapshot = snapshotOf(files, '0000');
    expect(JSON.stringify({ ...snapshot, id: '', prevId: '' }, null, 2)).toBe(JSON.stringify(NOTES_SNAPSHOT, null, 2));
  });

  it('creates a new table with a column per field, its foreign keys and indexes', () => {
    const init = mysqlMigration([customers], {}, { when: WHEN, name: 'init' })!;
    const added = mysqlMigration([customers, lineItems], folderAfter('drizzle/mysql', init), { when: WHEN + 1000, name: 'add_line_items' })!;
    expect(added.get('drizzle/mysql/0001_add_line_items.sql')).toBe(`CREATE TABLE \`line_items\` (
\t\`id\` char(36) NOT NULL,
\t\`title\` varchar(200) NOT NULL,
\t\`body\` text,
\t\`count\` int NOT NULL,
\t\`amount\` double,
\t\`paid\` boolean NOT NULL,
\t\`due_date\` datetime(3),
\t\`external_id\` char(36) NOT NULL,
\t\`status\` varchar(255) NOT NULL,
\t\`customer_id\` char(36) NOT NULL,
\t\`referrer_id\` char(36),
\t\`created_at\` datetime(3) NOT NULL,
\t\`updated_at\` datetime(3) NOT NULL,
\tCONSTRAINT \`line_items_id\` PRIMARY KEY(\`id\`)
);
--> statement-breakpoint
ALTER TABLE \`line_items\` ADD CONSTRAINT \`line_items_customer_id_customers_id_fk\` FOREIGN KEY (\`customer_id\`) REFERENCES \`customers\`(\`id\`) ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE \`line_items\` ADD CONSTRAINT \`line_items_referrer_id_customers_id_fk\` FOREIGN KEY (\`referrer_id\`) REFERENCES \`customers\`(\`id\`) ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX \`line_items_created_at_id_idx\` ON \`line_items\` (\`created_at\`,\`id\`);--> statement-breakpoint
CREATE INDEX \`line_items_customer_id_idx\` ON \`line_items\` (\`customer_id\`);--> statement-breakpoint
CREATE INDEX \`line_items_referrer_id_idx\` ON \`line_items\` (\`referrer_id\`);`);
  });

  it('references a table from itself', () => {
    const categories: ResourceSpec = { name: 'categories', fields: [{ name: 'parent', type: 'ref', optional: true, ref: 'categories' }] };
    const sql = mysqlMigration([categories], {}, { when: WHEN, name: 'init' })!.get('drizzle/mysql/0000_init.sql')!;
    expect(sql).toContain(
      'ALTER TABLE `categories` ADD CONSTRAINT `categories_parent_id_categories_id_fk` FOREIGN KEY (`parent_id`) REFERENCES `categories`(`id`) ON DELETE restrict ON UPDATE no action;',
    );
  });

  it('keeps what the snapshot has beside its tables (views, internal), with a fresh _meta', () => {
    const internal = { tables: {}, indexes: { notes_archive_title_idx: { columns: { 'lower(`title`)': { isExpression: true } } } } };
    const meta = { schemas: {}, tables: { '`old_notes`': '`notes_archive`' }, columns: {} };
    const folder: DrizzleFolder = { ...folderAfter('drizzle/mysql', files), latestSnapshot: { ...snapshotOf(files, '0000'), internal, _meta: meta } };
    const snapshot = snapshotOf(mysqlMigration([SAMPLE_RESOURCE, customers], folder, { when: WHEN + 1, name: 'add_customers' })!, '0001');
    expect(Object.keys(snapshot)).toEqual(['version', 'dialect', 'id', 'prevId', 'tables', 'views', '_meta', 'internal']);
    expect(snapshot.internal).toEqual(internal);
    expect(snapshot._meta).toEqual({ schemas: {}, tables: {}, columns: {} });
  });
});

describe('mysqlIdentifier', () => {
  it('keeps a name of up to 64 characters', () => {
    expect(mysqlIdentifier('line_items_customer_id_idx')).toBe('line_items_customer_id_idx');
    expect(mysqlIdentifier('x'.repeat(64))).toBe('x'.repeat(64));
  });

  it('shortens a longer one to 64: its first 55 characters, "_" and 8 hex digits of its SHA-256', () => {
    const name = 'x'.repeat(65);
    const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
    expect(mysqlIdentifier(name)).toBe(`${'x'.repeat(55)}_${hash}`);
    expect(mysqlIdentifier(name)).toHaveLength(64);
    expect(mysqlIdentifier(`${'x'.repeat(64)}y`)).not.toBe(mysqlIdentifier(name));
  });

  it('names long indexes and foreign keys with it, in the snapshot and the SQL', () => {
    const records: ResourceSpec = {
      name: 'warehouseInventoryAdjustmentRecords',
      fields: [
        { name: 'sourceWarehouseInventoryLocation', type: 'ref', optional: false, ref: 'warehouseInventoryAdjustmentRecords' },
        { name: 'customer', type: 'ref', optional: true, ref: 'customers' },
      ],
    };
    const table = mysqlTable(records);
    // As drizzle-kit generate recorded them for the table template's declaration with these names.
    expect(Object.keys(table.indexes)).toEqual([
      'warehouse_inventory_adjustment_records_created_at_id_idx',
      'warehouse_inventory_adjustment_records_source_warehouse_c6194fca',
      'warehouse_inventory_adjustment_records_customer_id_idx',
    ]);
    expect(Object.keys(table.foreignKeys)).toEqual([
      'warehouse_inventory_adjustment_records_source_warehouse_1f0247ef',
      'warehouse_inventory_adjustment_records_customer_id_cust_28321d85',
    ]);
    expect(table.foreignKeys['warehouse_inventory_adjustment_records_source_warehouse_1f0247ef']!.name).toBe(
      mysqlIdentifier('warehouse_inventory_adjustment_records_source_warehouse_inventory_location_id_warehouse_inventory_adjustment_records_id_fk'),
    );
    const sql = mysqlMigration([customers, records], {}, { when: WHEN, name: 'init' })!.get('drizzle/mysql/0000_init.sql')!;
    expect(sql).toContain('ADD CONSTRAINT `warehouse_inventory_adjustment_records_customer_id_cust_28321d85` FOREIGN KEY (`customer_id`)');
    expect(sql).toContain('CREATE INDEX `warehouse_inventory_adjustment_records_source_warehouse_c6194fca` ON');
  });
});
