// The migrations `generate resource`, `remove resource` and create write for db/sqlite: the files
// drizzle-kit would write for the same schema change, and never a change to a table the user made.
import { describe, expect, it } from 'vitest';
import type { ResourceSpec } from '../../src/resources/resource.js';
import { SAMPLE_RESOURCE } from '../../src/resources/resource.js';
import { SQLITE_COLUMNS, sqliteDialect, sqliteMigration, sqliteTable } from '../../src/resources/sqlite-migration.js';
import { WHEN, customers, drizzleMigrationContract, folderAfter, lineItems } from './drizzle-migration-contract.js';

describe('sqliteMigration', () => {
  drizzleMigrationContract(sqliteDialect, {
    folder: 'drizzle/sqlite',
    id: 'sqlite',
    snapshotVersion: '6',
    label: 'SQLite',
    // drizzle-kit keys a SQLite table by its name alone.
    tableKey: (name) => name,
    quote: (name) => `\`${name}\``,
    drop: (table) => `DROP TABLE \`${table}\`;`,
    userTable: { columns: { id: { name: 'id', type: 'integer', primaryKey: true, notNull: true, autoincrement: true } }, indexes: {} },
    inlineForeignKeys: true,
    lineItemsColumns: [
        ['id', 'text', true],
        ['title', 'text', true],
        ['body', 'text', false],
        ['count', 'integer', true],
        ['amount', 'real', false],
        ['paid', 'integer', true],
        ['due_date', 'text', false],
        ['external_id', 'text', true],
        ['status', 'text', true],
        ['customer_id', 'text', true],
        ['referrer_id', 'text', false],
        ['created_at', 'text', true],
        ['updated_at', 'text', true],
    ],
    declarations: {
      columns: SQLITE_COLUMNS,
      expected: {
          string: "text('x')",
          text: "text('x')",
          integer: "integer('x')",
          number: "real('x')",
          boolean: "integer('x', { mode: 'boolean' })",
          datetime: "text('x')",
          uuid: "text('x')",
          enum: "text('x')",
          ref: "text('x')",
      },
    },
  });
});

const snapshotOf = (files: Map<string, string>, prefix: string) => JSON.parse(files.get(`drizzle/sqlite/meta/${prefix}_snapshot.json`)!);

// What drizzle-kit 0.31 writes for the notes table of sqlite-table.ts (ids and timestamps are text).
const NOTES_INIT_SQL = `CREATE TABLE \`notes\` (
\t\`id\` text PRIMARY KEY NOT NULL,
\t\`title\` text NOT NULL,
\t\`body\` text NOT NULL,
\t\`created_at\` text NOT NULL,
\t\`updated_at\` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX \`notes_created_at_id_idx\` ON \`notes\` (\`created_at\`,\`id\`);`;

// The snapshot drizzle-kit 0.31 writes for it, every key in its order (its id and prevId aside).
const column = (name: string, primaryKey = false) => ({ name, type: 'text', primaryKey, notNull: true, autoincrement: false });
const NOTES_SNAPSHOT = {
  version: '6',
  dialect: 'sqlite',
  id: '',
  prevId: '',
  tables: {
    notes: {
      name: 'notes',
      columns: {
        id: column('id', true),
        title: column('title'),
        body: column('body'),
        created_at: column('created_at'),
        updated_at: column('updated_at'),
      },
      indexes: { notes_created_at_id_idx: { name: 'notes_created_at_id_idx', columns: ['created_at', 'id'], isUnique: false } },
      foreignKeys: {},
      compositePrimaryKeys: {},
      uniqueConstraints: {},
      checkConstraints: {},
    },
  },
  views: {},
  enums: {},
  _meta: { schemas: {}, tables: {}, columns: {} },
  internal: { indexes: {} },
};

/** Every field type, a reference to itself, and an optional and a required one to another table. */
const invoices: ResourceSpec = {
  name: 'invoices',
  fields: [
    { name: 'title', type: 'string', optional: false },
    { name: 'body', type: 'text', optional: true },
    { name: 'count', type: 'integer', optional: false },
    { name: 'amount', type: 'number', optional: false },
    { name: 'paid', type: 'boolean', optional: false },
    { name: 'dueAt', type: 'datetime', optional: true },
    { name: 'extId', type: 'uuid', optional: true },
    { name: 'status', type: 'enum', optional: false, values: ['draft', 'sent', 'paid'] },
    { name: 'note', type: 'ref', optional: true, ref: 'notes' },
    { name: 'parent', type: 'ref', optional: true, ref: 'invoices' },
    { name: 'owner', type: 'ref', optional: false, ref: 'notes' },
  ],
};

describe('sqliteMigration SQL and snapshot, as drizzle-kit writes them', () => {
  const files = sqliteMigration([SAMPLE_RESOURCE], {}, { when: WHEN, name: 'init' })!;

  it('writes the init migration of the notes table', () => {
    expect(files.get('drizzle/sqlite/0000_init.sql')).toBe(NOTES_INIT_SQL);
  });

  it('snapshots every key, in its order', () => {
    const snapshot = snapshotOf(files, '0000');
    expect(JSON.stringify({ ...snapshot, id: '', prevId: '' }, null, 2)).toBe(JSON.stringify(NOTES_SNAPSHOT, null, 2));
  });

  it('declares foreign keys in CREATE TABLE, and follows each table with its indexes', () => {
    const sql = sqliteMigration([SAMPLE_RESOURCE, invoices], {}, { when: WHEN, name: 'init' })!.get('drizzle/sqlite/0000_init.sql');
    expect(sql).toBe(`CREATE TABLE \`invoices\` (
\t\`id\` text PRIMARY KEY NOT NULL,
\t\`title\` text NOT NULL,
\t\`body\` text,
\t\`count\` integer NOT NULL,
\t\`amount\` real NOT NULL,
\t\`paid\` integer NOT NULL,
\t\`due_at\` text,
\t\`ext_id\` text,
\t\`status\` text NOT NULL,
\t\`note_id\` text,
\t\`parent_id\` text,
\t\`owner_id\` text NOT NULL,
\t\`created_at\` text NOT NULL,
\t\`updated_at\` text NOT NULL,
\tFOREIGN KEY (\`note_id\`) REFERENCES \`notes\`(\`id\`) ON UPDATE no action ON DELETE restrict,
\tFOREIGN KEY (\`parent_id\`) REFERENCES \`invoices\`(\`id\`) ON UPDATE no action ON DELETE restrict,
\tFOREIGN KEY (\`owner_id\`) REFERENCES \`notes\`(\`id\`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX \`invoices_created_at_id_idx\` ON \`invoices\` (\`created_at\`,\`id\`);--> statement-breakpoint
CREATE INDEX \`invoices_note_id_idx\` ON \`invoices\` (\`note_id\`);--> statement-breakpoint
CREATE INDEX \`invoices_parent_id_idx\` ON \`invoices\` (\`parent_id\`);--> statement-breakpoint
CREATE INDEX \`invoices_owner_id_idx\` ON \`invoices\` (\`owner_id\`);--> statement-breakpoint
${NOTES_INIT_SQL}`);
  });

  it('names the foreign keys in the snapshot only, as drizzle-orm does', () => {
    const fk = (column: string, target: string) => ({
      name: `invoices_${column}_${target}_id_fk`,
      tableFrom: 'invoices',
      tableTo: target,
      columnsFrom: [column],
      columnsTo: ['id'],
      onDelete: 'restrict',
      onUpdate: 'no action',
    });
    expect(sqliteTable(invoices).foreignKeys).toEqual({
      invoices_note_id_notes_id_fk: fk('note_id', 'notes'),
      invoices_parent_id_invoices_id_fk: fk('parent_id', 'invoices'),
      invoices_owner_id_notes_id_fk: fk('owner_id', 'notes'),
    });
    expect(Object.keys(sqliteTable(invoices).indexes)).toEqual(['invoices_created_at_id_idx', 'invoices_note_id_idx', 'invoices_parent_id_idx', 'invoices_owner_id_idx']);
  });

  it('creates a new table with a column per field, its foreign keys and indexes', () => {
    const init = sqliteMigration([customers], {}, { when: WHEN, name: 'init' })!;
    const added = sqliteMigration([customers, lineItems], folderAfter('drizzle/sqlite', init), { when: WHEN + 1000, name: 'add_line_items' })!;
    expect(added.get('drizzle/sqlite/0001_add_line_items.sql')).toBe(`CREATE TABLE \`line_items\` (
\t\`id\` text PRIMARY KEY NOT NULL,
\t\`title\` text NOT NULL,
\t\`body\` text,
\t\`count\` integer NOT NULL,
\t\`amount\` real,
\t\`paid\` integer NOT NULL,
\t\`due_date\` text,
\t\`external_id\` text NOT NULL,
\t\`status\` text NOT NULL,
\t\`customer_id\` text NOT NULL,
\t\`referrer_id\` text,
\t\`created_at\` text NOT NULL,
\t\`updated_at\` text NOT NULL,
\tFOREIGN KEY (\`customer_id\`) REFERENCES \`customers\`(\`id\`) ON UPDATE no action ON DELETE restrict,
\tFOREIGN KEY (\`referrer_id\`) REFERENCES \`customers\`(\`id\`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX \`line_items_created_at_id_idx\` ON \`line_items\` (\`created_at\`,\`id\`);--> statement-breakpoint
CREATE INDEX \`line_items_customer_id_idx\` ON \`line_items\` (\`customer_id\`);--> statement-breakpoint
CREATE INDEX \`line_items_referrer_id_idx\` ON \`line_items\` (\`referrer_id\`);`);
  });

  it('drops tables after creating the new ones, in the snapshot order, without PRAGMA lines', () => {
    const categories: ResourceSpec = { name: 'categories', fields: [{ name: 'parent', type: 'ref', optional: true, ref: 'categories' }] };
    const init = sqliteMigration([customers, lineItems, categories], {}, { when: WHEN, name: 'init' })!;
    const removed = [lineItems, categories];
    const files = sqliteMigration([customers, SAMPLE_RESOURCE], folderAfter('drizzle/sqlite', init), { when: WHEN + 1, name: 'swap', removed })!;
    expect(files.get('drizzle/sqlite/0001_swap.sql')).toBe(`${NOTES_INIT_SQL}--> statement-breakpoint
DROP TABLE \`categories\`;--> statement-breakpoint
DROP TABLE \`line_items\`;`);
  });
});

