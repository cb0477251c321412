// The migrations `generate resource`, `remove resource` and create write for db/postgres: the files
// drizzle-kit would write for the same schema change, and never a change to a table the user made.
import { describe, expect, it } from 'vitest';
import type { ResourceSpec } from '../../src/resources/resource.js';
import { SAMPLE_RESOURCE } from '../../src/resources/resource.js';
import type { DrizzleFolder } from '../../src/resources/drizzle-migration.js';
import { postgresMigration, postgresTable } from '../../src/resources/postgres-migration.js';

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

/** What a project's drizzle/ folder reads as after `files` were written (the newest snapshot). */
function folderAfter(files: Map<string, string>): DrizzleFolder {
  const snapshot = [...files.keys()].find((path) => path.endsWith('_snapshot.json'))!;
  return { journal: JSON.parse(files.get('drizzle/meta/_journal.json')!), latestSnapshot: JSON.parse(files.get(snapshot)!) };
}
const snapshotOf = (files: Map<string, string>, prefix: string) => JSON.parse(files.get(`drizzle/meta/${prefix}_snapshot.json`)!);

// What drizzle-kit 0.31 writes for the notes table of postgres-table.ts (timestamps in mode 'string').
const NOTES_INIT_SQL = `CREATE TABLE "notes" (
\t"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
\t"title" text NOT NULL,
\t"body" text NOT NULL,
\t"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
\t"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "notes_created_at_id_idx" ON "notes" USING btree ("created_at","id");`;

describe('postgresMigration from nothing', () => {
  const files = postgresMigration([SAMPLE_RESOURCE], {}, { when: WHEN, name: 'init' })!;

  it('writes the init migration, its snapshot and a journal of one entry', () => {
    expect([...files.keys()]).toEqual(['drizzle/0000_init.sql', 'drizzle/meta/0000_snapshot.json', 'drizzle/meta/_journal.json']);
    expect(files.get('drizzle/0000_init.sql')).toBe(NOTES_INIT_SQL);
    expect(JSON.parse(files.get('drizzle/meta/_journal.json')!)).toEqual({
      version: '7',
      dialect: 'postgresql',
      entries: [{ idx: 0, version: '7', when: WHEN, tag: '0000_init', breakpoints: true }],
    });
  });

  it('snapshots the schema as drizzle-kit does: every key, in its order, two-space JSON without a final newline', () => {
    const text = files.get('drizzle/meta/0000_snapshot.json')!;
    expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2));
    const snapshot = JSON.parse(text);
    expect(Object.keys(snapshot)).toEqual(['id', 'prevId', 'version', 'dialect', 'tables', 'enums', 'schemas', 'sequences', 'roles', 'policies', 'views', '_meta']);
    expect(snapshot.prevId).toBe('00000000-0000-0000-0000-000000000000');
    expect(snapshot.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Object.keys(snapshot.tables)).toEqual(['public.notes']);
    expect(Object.keys(snapshot.tables['public.notes'].columns)).toEqual(['id', 'title', 'body', 'created_at', 'updated_at']);
    expect(snapshot._meta).toEqual({ columns: {}, schemas: {}, tables: {} });
  });

  it('is deterministic: the same resources give the same bytes', () => {
    expect(postgresMigration([SAMPLE_RESOURCE], {}, { when: WHEN, name: 'init' })).toEqual(files);
  });

  it('creates every table in one migration, foreign keys after all of them', () => {
    const both = postgresMigration([customers, lineItems], {}, { when: WHEN, name: 'init' })!;
    const statements = both.get('drizzle/0000_init.sql')!.split('--> statement-breakpoint\n').map((s) => s.split(' ').slice(0, 3).join(' '));
    expect(statements).toEqual([
      'CREATE TABLE "customers"',
      'CREATE TABLE "line_items"',
      'ALTER TABLE "line_items"',
      'ALTER TABLE "line_items"',
      'CREATE INDEX "customers_created_at_id_idx"',
      'CREATE INDEX "line_items_created_at_id_idx"',
      'CREATE INDEX "line_items_customer_id_idx"',
      'CREATE INDEX "line_items_referrer_id_idx"',
    ]);
  });
});

describe('postgresMigration adding a resource', () => {
  const init = postgresMigration([customers], {}, { when: WHEN, name: 'init' })!;
  const files = postgresMigration([customers, lineItems], folderAfter(init), { when: WHEN + 1000, name: 'add_line_items' })!;

  it('creates only the new table, with a column per field, its foreign keys and indexes', () => {
    expect(files.get('drizzle/0001_add_line_items.sql')).toBe(`CREATE TABLE "line_items" (
\t"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
\t"title" text NOT NULL,
\t"body" text,
\t"count" integer NOT NULL,
\t"amount" double precision,
\t"paid" boolean NOT NULL,
\t"due_date" timestamp(3) with time zone,
\t"external_id" uuid NOT NULL,
\t"status" text NOT NULL,
\t"customer_id" uuid NOT NULL,
\t"referrer_id" uuid,
\t"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
\t"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "line_items" ADD CONSTRAINT "line_items_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "line_items" ADD CONSTRAINT "line_items_referrer_id_customers_id_fk" FOREIGN KEY ("referrer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "line_items_created_at_id_idx" ON "line_items" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "line_items_customer_id_idx" ON "line_items" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "line_items_referrer_id_idx" ON "line_items" USING btree ("referrer_id");`);
  });

  it('snapshots the previous tables unchanged plus the new one, chained to the previous snapshot', () => {
    const before = snapshotOf(init, '0000');
    const after = snapshotOf(files, '0001');
    expect(after.prevId).toBe(before.id);
    expect(after.id).not.toBe(before.id);
    expect(after.tables['public.customers']).toEqual(before.tables['public.customers']);
    expect(after.tables['public.line_items']).toEqual(postgresTable(lineItems));
    expect(after.tables['public.line_items'].foreignKeys['line_items_customer_id_customers_id_fk']).toEqual({
      name: 'line_items_customer_id_customers_id_fk',
      tableFrom: 'line_items',
      tableTo: 'customers',
      columnsFrom: ['customer_id'],
      columnsTo: ['id'],
      onDelete: 'restrict',
      onUpdate: 'no action',
    });
  });

  it('appends to the journal, keeping the entries there', () => {
    const journal = JSON.parse(files.get('drizzle/meta/_journal.json')!);
    expect(journal.entries.map((e: { tag: string; idx: number; when: number }) => [e.idx, e.tag, e.when])).toEqual([
      [0, '0000_init', WHEN],
      [1, '0001_add_line_items', WHEN + 1000],
    ]);
  });

  it('dates a migration after the previous one even when the clock says otherwise (the migrator skips older ones)', () => {
    const early = postgresMigration([customers, lineItems], folderAfter(init), { when: WHEN - 5000, name: 'add_line_items' })!;
    expect(JSON.parse(early.get('drizzle/meta/_journal.json')!).entries[1].when).toBe(WHEN + 1);
  });

  it('creates a table that references itself', () => {
    const categories: ResourceSpec = { name: 'categories', fields: [{ name: 'parent', type: 'ref', optional: true, ref: 'categories' }] };
    const sql = postgresMigration([categories], {}, { when: WHEN, name: 'init' })!.get('drizzle/0000_init.sql')!;
    expect(sql).toContain('ALTER TABLE "categories" ADD CONSTRAINT "categories_parent_id_categories_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."categories"("id")');
  });

  it('refuses a table whose reference would point at no table', () => {
    expect(() => postgresMigration([lineItems], {}, { when: WHEN, name: 'init' })).toThrow(/"line_items" references table "customers", which is not in the schema/);
  });
});

describe('postgresMigration removing a resource', () => {
  const init = postgresMigration([SAMPLE_RESOURCE, customers, lineItems], {}, { when: WHEN, name: 'init' })!;

  it('drops its table as drizzle-kit does and leaves it out of the snapshot', () => {
    const files = postgresMigration([SAMPLE_RESOURCE, customers], folderAfter(init), { when: WHEN + 1, name: 'remove_line_items', removed: [lineItems] })!;
    expect(files.get('drizzle/0001_remove_line_items.sql')).toBe('DROP TABLE "line_items" CASCADE;');
    const snapshot = snapshotOf(files, '0001');
    expect(Object.keys(snapshot.tables)).toEqual(['public.customers', 'public.notes']);
    expect(snapshot.prevId).toBe(snapshotOf(init, '0000').id);
  });

  it('refuses to drop a table another table still references', () => {
    expect(() => postgresMigration([SAMPLE_RESOURCE, lineItems], folderAfter(init), { when: WHEN + 1, name: 'remove_customers', removed: [customers] })).toThrow(
      'cannot drop table "customers": table "line_items" still references it (line_items_customer_id_customers_id_fk)',
    );
  });

  it('gives a snapshot a new id when it equals an earlier one, so drizzle-kit sees one chain', () => {
    const first = postgresMigration([customers], {}, { when: WHEN, name: 'init' })!;
    const added = postgresMigration([customers, lineItems], folderAfter(first), { when: WHEN + 1, name: 'add' })!;
    const removed = postgresMigration([customers], folderAfter(added), { when: WHEN + 2, name: 'remove', removed: [lineItems] })!;
    const ids = [snapshotOf(first, '0000').id, snapshotOf(added, '0001').id, snapshotOf(removed, '0002').id];
    expect(new Set(ids).size).toBe(3);
    expect(snapshotOf(removed, '0002').tables).toEqual(snapshotOf(first, '0000').tables);
  });
});

describe('postgresMigration and tables it does not own', () => {
  const init = postgresMigration([SAMPLE_RESOURCE], {}, { when: WHEN, name: 'init' })!;
  const initSnapshot = snapshotOf(init, '0000');
  // The user added a table of their own, and one copied from the generated notes table, with drizzle-kit.
  const userTables = {
    'public.audit_log': { ...initSnapshot.tables['public.notes'], name: 'audit_log', columns: { id: { name: 'id', type: 'serial', primaryKey: true, notNull: true } }, indexes: {} },
    'public.notes_archive': { ...initSnapshot.tables['public.notes'], name: 'notes_archive' },
  };
  const edited: DrizzleFolder = { ...folderAfter(init), latestSnapshot: { ...initSnapshot, tables: { ...initSnapshot.tables, ...userTables } } };

  it('changes nothing when every resource has its table', () => {
    expect(postgresMigration([SAMPLE_RESOURCE], folderAfter(init), { when: WHEN + 1, name: 'noop' })).toBeUndefined();
    expect(postgresMigration([SAMPLE_RESOURCE], edited, { when: WHEN + 1, name: 'noop' })).toBeUndefined();
  });

  it('keeps tables that belong to no resource, whatever they look like, when adding or removing one', () => {
    const added = postgresMigration([SAMPLE_RESOURCE, customers], edited, { when: WHEN + 1, name: 'add_customers' })!;
    expect(added.get('drizzle/0001_add_customers.sql')).not.toMatch(/audit_log|notes_archive|DROP/);
    expect(snapshotOf(added, '0001').tables).toMatchObject(userTables);

    const removed = postgresMigration([], edited, { when: WHEN + 1, name: 'remove_notes', removed: [SAMPLE_RESOURCE] })!;
    expect(removed.get('drizzle/0001_remove_notes.sql')).toBe('DROP TABLE "notes" CASCADE;');
    expect(Object.keys(snapshotOf(removed, '0001').tables)).toEqual(['public.audit_log', 'public.notes_archive']);
  });

  it('keeps a resource table the user changed as it is', () => {
    const notes = initSnapshot.tables['public.notes'];
    const changed = { ...notes, columns: { ...notes.columns, pinned: { name: 'pinned', type: 'boolean', primaryKey: false, notNull: false } } };
    const folder: DrizzleFolder = { ...folderAfter(init), latestSnapshot: { ...initSnapshot, tables: { 'public.notes': changed } } };
    const added = postgresMigration([SAMPLE_RESOURCE, customers], folder, { when: WHEN + 1, name: 'add_customers' })!;
    expect(snapshotOf(added, '0001').tables['public.notes']).toEqual(changed);
  });

  it('drops only what `removed` names and the snapshot has', () => {
    expect(postgresMigration([SAMPLE_RESOURCE], edited, { when: WHEN + 1, name: 'remove', removed: [customers] })).toBeUndefined();
    expect(postgresMigration([SAMPLE_RESOURCE], edited, { when: WHEN + 1, name: 'remove', removed: [SAMPLE_RESOURCE] })).toBeUndefined();
  });
});

describe('postgresMigration input checks', () => {
  it('refuses a folder that is not drizzle-kit PostgreSQL metadata', () => {
    expect(() => postgresMigration([SAMPLE_RESOURCE], { journal: { dialect: 'sqlite', entries: [] } }, { when: WHEN, name: 'x' })).toThrow(/not a drizzle-kit PostgreSQL journal/);
    const journal = { version: '7', dialect: 'postgresql', entries: [{ idx: 0, version: '7', when: WHEN, tag: '0000_init', breakpoints: true }] };
    expect(() => postgresMigration([SAMPLE_RESOURCE], { journal }, { when: WHEN, name: 'x' })).toThrow(/has no snapshot/);
    expect(() => postgresMigration([SAMPLE_RESOURCE], { journal, latestSnapshot: { version: '6', dialect: 'postgresql', id: 'x', tables: {} } }, { when: WHEN, name: 'x' })).toThrow(
      /not a drizzle-kit PostgreSQL snapshot of version 7/,
    );
  });

  it('refuses a migration name drizzle-kit would not write', () => {
    expect(() => postgresMigration([SAMPLE_RESOURCE], {}, { when: WHEN, name: 'Add invoices' })).toThrow(/must be lowercase letters, digits and "_"/);
  });

  it('does not change the objects it was given', () => {
    const init = postgresMigration([SAMPLE_RESOURCE], {}, { when: WHEN, name: 'init' })!;
    const folder = folderAfter(init);
    const copy = structuredClone(folder);
    postgresMigration([SAMPLE_RESOURCE, customers], folder, { when: WHEN + 1, name: 'add' });
    postgresMigration([], folder, { when: WHEN + 1, name: 'remove', removed: [SAMPLE_RESOURCE] });
    expect(folder).toEqual(copy);
  });
});
