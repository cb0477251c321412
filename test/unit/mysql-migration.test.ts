// The migrations `generate resource`, `remove resource` and create write for db/mysql: the files
// drizzle-kit would write for the same schema change, and never a change to a table the user made.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ResourceSpec } from '../../src/resources/resource.js';
import { SAMPLE_RESOURCE } from '../../src/resources/resource.js';
import type { DrizzleFolder } from '../../src/resources/drizzle-migration.js';
import { FIELD_TYPES } from '../../src/resources/fields.js';
import { MYSQL_COLUMNS, mysqlIdentifier, mysqlMigration, mysqlTable } from '../../src/resources/mysql-migration.js';

const WHEN = 1_795_626_833_194;

const customers: ResourceSpec = { name: 'customers', fields: [{ name: 'name', type: 'string', optional: false }] };
/** Every field type, required and optional, and a ref. */
const lineItems: ResourceSpec = {
  name: 'lineItems',
  fields: [
    { name: 'title', type: 'string', optional: false },
    { name: 'body', type: 'text', optional: true },
    { name: 'count', type: 'integer', optional: false },
    { name: 'amount', type: 'number', optional: true },
    { name: 'paid', type: 'boolean', optional: false },
    { name: 'dueDate', type: 'datetime', optional: true },
    { name: 'externalId', type: 'uuid', optional: false },
    { name: 'status', type: 'enum', optional: false, values: ['open', 'in_progress'] },
    { name: 'customer', type: 'ref', optional: false, ref: 'customers' },
    { name: 'referrer', type: 'ref', optional: true, ref: 'customers' },
  ],
};

/** What a project's drizzle/mysql/ folder reads as after `files` were written (the newest snapshot). */
function folderAfter(files: Map<string, string>): DrizzleFolder {
  const snapshot = [...files.keys()].find((path) => path.endsWith('_snapshot.json'))!;
  return { journal: JSON.parse(files.get('drizzle/mysql/meta/_journal.json')!), latestSnapshot: JSON.parse(files.get(snapshot)!) };
}
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

describe('mysqlMigration from nothing', () => {
  const files = mysqlMigration([SAMPLE_RESOURCE], {}, { when: WHEN, name: 'init' })!;

  it('writes the init migration, its snapshot and a journal of one entry', () => {
    expect([...files.keys()]).toEqual(['drizzle/mysql/0000_init.sql', 'drizzle/mysql/meta/0000_snapshot.json', 'drizzle/mysql/meta/_journal.json']);
    expect(files.get('drizzle/mysql/0000_init.sql')).toBe(NOTES_INIT_SQL);
    expect(files.get('drizzle/mysql/meta/_journal.json')).toBe(
      JSON.stringify({ version: '7', dialect: 'mysql', entries: [{ idx: 0, version: '5', when: WHEN, tag: '0000_init', breakpoints: true }] }, null, 2),
    );
  });

  it('snapshots the schema as drizzle-kit does: every key, in its order, two-space JSON without a final newline', () => {
    const text = files.get('drizzle/mysql/meta/0000_snapshot.json')!;
    expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2));
    const snapshot = JSON.parse(text);
    expect(snapshot.prevId).toBe('00000000-0000-0000-0000-000000000000');
    expect(snapshot.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(JSON.stringify({ ...snapshot, id: '', prevId: '' }, null, 2)).toBe(JSON.stringify(NOTES_SNAPSHOT, null, 2));
  });

  it('is deterministic: the same resources give the same bytes', () => {
    expect(mysqlMigration([SAMPLE_RESOURCE], {}, { when: WHEN, name: 'init' })).toEqual(files);
  });

  it('creates every table in one migration, foreign keys after all of them, then indexes', () => {
    const both = mysqlMigration([customers, lineItems], {}, { when: WHEN, name: 'init' })!;
    const statements = both
      .get('drizzle/mysql/0000_init.sql')!
      .split('--> statement-breakpoint\n')
      .map((s) => s.split(' ').slice(0, 3).join(' '));
    expect(statements).toEqual([
      'CREATE TABLE `customers`',
      'CREATE TABLE `line_items`',
      'ALTER TABLE `line_items`',
      'ALTER TABLE `line_items`',
      'CREATE INDEX `customers_created_at_id_idx`',
      'CREATE INDEX `line_items_created_at_id_idx`',
      'CREATE INDEX `line_items_customer_id_idx`',
      'CREATE INDEX `line_items_referrer_id_idx`',
    ]);
  });
});

describe('mysqlMigration adding a resource', () => {
  const init = mysqlMigration([customers], {}, { when: WHEN, name: 'init' })!;
  const files = mysqlMigration([customers, lineItems], folderAfter(init), { when: WHEN + 1000, name: 'add_line_items' })!;

  it('creates only the new table, with a column per field, its foreign keys and indexes', () => {
    expect(files.get('drizzle/mysql/0001_add_line_items.sql')).toBe(`CREATE TABLE \`line_items\` (
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

  it('snapshots the previous tables unchanged plus the new one, chained to the previous snapshot', () => {
    const before = snapshotOf(init, '0000');
    const after = snapshotOf(files, '0001');
    expect(after.prevId).toBe(before.id);
    expect(after.id).not.toBe(before.id);
    expect(Object.keys(after.tables)).toEqual(['customers', 'line_items']);
    expect(after.tables.customers).toEqual(before.tables.customers);
    expect(after.tables.line_items).toEqual(mysqlTable(lineItems));
    expect(after.tables.line_items.foreignKeys['line_items_customer_id_customers_id_fk']).toEqual({
      name: 'line_items_customer_id_customers_id_fk',
      tableFrom: 'line_items',
      tableTo: 'customers',
      columnsFrom: ['customer_id'],
      columnsTo: ['id'],
      onDelete: 'restrict',
      onUpdate: 'no action',
    });
    expect(Object.keys(after.tables.line_items.indexes)).toEqual(['line_items_created_at_id_idx', 'line_items_customer_id_idx', 'line_items_referrer_id_idx']);
  });

  it('appends to the journal, keeping the entries there', () => {
    const journal = JSON.parse(files.get('drizzle/mysql/meta/_journal.json')!);
    expect(journal.entries.map((e: { tag: string; idx: number; when: number; version: string }) => [e.idx, e.tag, e.when, e.version])).toEqual([
      [0, '0000_init', WHEN, '5'],
      [1, '0001_add_line_items', WHEN + 1000, '5'],
    ]);
  });

  it('dates a migration after the previous one even when the clock says otherwise (the migrator skips older ones)', () => {
    const early = mysqlMigration([customers, lineItems], folderAfter(init), { when: WHEN - 5000, name: 'add_line_items' })!;
    expect(JSON.parse(early.get('drizzle/mysql/meta/_journal.json')!).entries[1].when).toBe(WHEN + 1);
  });

  it('creates a table that references itself', () => {
    const categories: ResourceSpec = { name: 'categories', fields: [{ name: 'parent', type: 'ref', optional: true, ref: 'categories' }] };
    const sql = mysqlMigration([categories], {}, { when: WHEN, name: 'init' })!.get('drizzle/mysql/0000_init.sql')!;
    expect(sql).toContain(
      'ALTER TABLE `categories` ADD CONSTRAINT `categories_parent_id_categories_id_fk` FOREIGN KEY (`parent_id`) REFERENCES `categories`(`id`) ON DELETE restrict ON UPDATE no action;',
    );
  });

  it('refuses a table whose reference would point at no table', () => {
    expect(() => mysqlMigration([lineItems], {}, { when: WHEN, name: 'init' })).toThrow(
      /"line_items" references table "customers", which is not in the schema/,
    );
  });
});

describe('mysqlMigration column types', () => {
  it('records each field type as drizzle-kit does for its mysql-core column, nullable when optional', () => {
    const columns = Object.values(mysqlTable(lineItems).columns).map((c) => [c.name, c.type, c.notNull]);
    expect(columns).toEqual([
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
    ]);
  });

  it('gives the table template the column declarations those types come from', () => {
    const declaration = (type: (typeof FIELD_TYPES)[number]) => {
      const { builder, options } = MYSQL_COLUMNS[type];
      return `${builder}('x'${options ? `, ${options}` : ''})`;
    };
    expect(Object.fromEntries(FIELD_TYPES.map((type) => [type, declaration(type)]))).toEqual({
      string: "varchar('x', { length: 200 })",
      text: "text('x')",
      integer: "int('x')",
      number: "double('x')",
      boolean: "boolean('x')",
      datetime: "datetime('x', { mode: 'string', fsp: 3 })",
      uuid: "char('x', { length: 36 })",
      enum: "varchar('x', { length: 255 })",
      ref: "char('x', { length: 36 })",
    });
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

describe('mysqlMigration removing a resource', () => {
  const init = mysqlMigration([SAMPLE_RESOURCE, customers, lineItems], {}, { when: WHEN, name: 'init' })!;

  it('drops its table as drizzle-kit does and leaves it out of the snapshot', () => {
    const files = mysqlMigration([SAMPLE_RESOURCE, customers], folderAfter(init), { when: WHEN + 1, name: 'remove_line_items', removed: [lineItems] })!;
    expect(files.get('drizzle/mysql/0001_remove_line_items.sql')).toBe('DROP TABLE `line_items`;');
    const snapshot = snapshotOf(files, '0001');
    expect(Object.keys(snapshot.tables)).toEqual(['customers', 'notes']);
    expect(snapshot.prevId).toBe(snapshotOf(init, '0000').id);
  });

  it('refuses to drop a table another table still references', () => {
    expect(() => mysqlMigration([SAMPLE_RESOURCE, lineItems], folderAfter(init), { when: WHEN + 1, name: 'remove_customers', removed: [customers] })).toThrow(
      'cannot drop table "customers": table "line_items" still references it (line_items_customer_id_customers_id_fk)',
    );
  });

  it('gives a snapshot a new id when it equals an earlier one, so drizzle-kit sees one chain', () => {
    const first = mysqlMigration([customers], {}, { when: WHEN, name: 'init' })!;
    const added = mysqlMigration([customers, lineItems], folderAfter(first), { when: WHEN + 1, name: 'add' })!;
    const removed = mysqlMigration([customers], folderAfter(added), { when: WHEN + 2, name: 'remove', removed: [lineItems] })!;
    const ids = [snapshotOf(first, '0000').id, snapshotOf(added, '0001').id, snapshotOf(removed, '0002').id];
    expect(new Set(ids).size).toBe(3);
    expect(snapshotOf(removed, '0002').tables).toEqual(snapshotOf(first, '0000').tables);
  });
});

describe('mysqlMigration and tables it does not own', () => {
  const init = mysqlMigration([SAMPLE_RESOURCE], {}, { when: WHEN, name: 'init' })!;
  const initSnapshot = snapshotOf(init, '0000');
  // The user added a table of their own, and one copied from the generated notes table, with drizzle-kit.
  const userTables = {
    audit_log: {
      ...initSnapshot.tables.notes,
      name: 'audit_log',
      columns: { id: { name: 'id', type: 'serial', primaryKey: false, notNull: true, autoincrement: true } },
      indexes: {},
      compositePrimaryKeys: { audit_log_id: { name: 'audit_log_id', columns: ['id'] } },
    },
    notes_archive: { ...initSnapshot.tables.notes, name: 'notes_archive' },
  };
  const edited: DrizzleFolder = { ...folderAfter(init), latestSnapshot: { ...initSnapshot, tables: { ...initSnapshot.tables, ...userTables } } };

  it('changes nothing when every resource has its table', () => {
    expect(mysqlMigration([SAMPLE_RESOURCE], folderAfter(init), { when: WHEN + 1, name: 'noop' })).toBeUndefined();
    expect(mysqlMigration([SAMPLE_RESOURCE], edited, { when: WHEN + 1, name: 'noop' })).toBeUndefined();
  });

  it('keeps tables that belong to no resource, whatever they look like, when adding or removing one', () => {
    const added = mysqlMigration([SAMPLE_RESOURCE, customers], edited, { when: WHEN + 1, name: 'add_customers' })!;
    expect(added.get('drizzle/mysql/0001_add_customers.sql')).not.toMatch(/audit_log|notes_archive|DROP/);
    expect(snapshotOf(added, '0001').tables).toMatchObject(userTables);

    const removed = mysqlMigration([], edited, { when: WHEN + 1, name: 'remove_notes', removed: [SAMPLE_RESOURCE] })!;
    expect(removed.get('drizzle/mysql/0001_remove_notes.sql')).toBe('DROP TABLE `notes`;');
    expect(Object.keys(snapshotOf(removed, '0001').tables)).toEqual(['audit_log', 'notes_archive']);
  });

  it('keeps a resource table the user changed as it is', () => {
    const notes = initSnapshot.tables.notes;
    const changed = {
      ...notes,
      columns: { ...notes.columns, pinned: { name: 'pinned', type: 'boolean', primaryKey: false, notNull: false, autoincrement: false } },
    };
    const folder: DrizzleFolder = { ...folderAfter(init), latestSnapshot: { ...initSnapshot, tables: { notes: changed } } };
    const added = mysqlMigration([SAMPLE_RESOURCE, customers], folder, { when: WHEN + 1, name: 'add_customers' })!;
    expect(snapshotOf(added, '0001').tables.notes).toEqual(changed);
  });

  it('keeps what the snapshot has beside its tables (views, internal), with a fresh _meta', () => {
    const internal = { tables: {}, indexes: { notes_archive_title_idx: { columns: { 'lower(`title`)': { isExpression: true } } } } };
    const meta = { schemas: {}, tables: { '`old_notes`': '`notes_archive`' }, columns: {} };
    const folder: DrizzleFolder = { ...folderAfter(init), latestSnapshot: { ...initSnapshot, internal, _meta: meta } };
    const snapshot = snapshotOf(mysqlMigration([SAMPLE_RESOURCE, customers], folder, { when: WHEN + 1, name: 'add_customers' })!, '0001');
    expect(Object.keys(snapshot)).toEqual(['version', 'dialect', 'id', 'prevId', 'tables', 'views', '_meta', 'internal']);
    expect(snapshot.internal).toEqual(internal);
    expect(snapshot._meta).toEqual({ schemas: {}, tables: {}, columns: {} });
  });

  it('drops only what `removed` names and the snapshot has', () => {
    expect(mysqlMigration([SAMPLE_RESOURCE], edited, { when: WHEN + 1, name: 'remove', removed: [customers] })).toBeUndefined();
    expect(mysqlMigration([SAMPLE_RESOURCE], edited, { when: WHEN + 1, name: 'remove', removed: [SAMPLE_RESOURCE] })).toBeUndefined();
  });
});

describe('mysqlMigration input checks', () => {
  it('refuses a folder that is not drizzle-kit MySQL metadata', () => {
    expect(() => mysqlMigration([SAMPLE_RESOURCE], { journal: { version: '7', dialect: 'postgresql', entries: [] } }, { when: WHEN, name: 'x' })).toThrow(
      'drizzle/mysql/meta/_journal.json is not a drizzle-kit MySQL journal',
    );
    const journal = { version: '7', dialect: 'mysql', entries: [{ idx: 0, version: '5', when: WHEN, tag: '0000_init', breakpoints: true }] };
    expect(() => mysqlMigration([SAMPLE_RESOURCE], { journal }, { when: WHEN, name: 'x' })).toThrow(/has no snapshot/);
    expect(() =>
      mysqlMigration([SAMPLE_RESOURCE], { journal, latestSnapshot: { version: '7', dialect: 'mysql', id: 'x', tables: {} } }, { when: WHEN, name: 'x' }),
    ).toThrow(/not a drizzle-kit MySQL snapshot of version 5/);
    const postgres = { version: '7', dialect: 'postgresql', id: 'x', tables: {} };
    expect(() => mysqlMigration([SAMPLE_RESOURCE], { journal, latestSnapshot: postgres }, { when: WHEN, name: 'x' })).toThrow(
      /not a drizzle-kit MySQL snapshot/,
    );
  });

  it('refuses a migration name drizzle-kit would not write', () => {
    expect(() => mysqlMigration([SAMPLE_RESOURCE], {}, { when: WHEN, name: 'Add invoices' })).toThrow(/must be lowercase letters, digits and "_"/);
  });

  it('does not change the objects it was given', () => {
    const init = mysqlMigration([SAMPLE_RESOURCE], {}, { when: WHEN, name: 'init' })!;
    const folder = folderAfter(init);
    const copy = structuredClone(folder);
    mysqlMigration([SAMPLE_RESOURCE, customers], folder, { when: WHEN + 1, name: 'add' });
    mysqlMigration([], folder, { when: WHEN + 1, name: 'remove', removed: [SAMPLE_RESOURCE] });
    expect(folder).toEqual(copy);
  });
});
