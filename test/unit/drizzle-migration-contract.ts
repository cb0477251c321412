// What drizzle-migration.ts does in every dialect: the journal, the chain of snapshots, the tables it
// creates and drops and those it leaves alone, and the input it refuses. Each dialect's test runs it
// with the facts of that dialect spelled out, and tests the SQL and snapshot shape of its own.
import { describe, expect, it } from 'vitest';
import type { ResourceSpec } from '../../src/resources/resource.js';
import { SAMPLE_RESOURCE } from '../../src/resources/resource.js';
import { FIELD_TYPES, type FieldType } from '../../src/resources/fields.js';
import { drizzleMigration, type DrizzleDialect, type DrizzleFolder, type MigrationOptions, type SnapshotTable } from '../../src/resources/drizzle-migration.js';

export const WHEN = 1_795_626_833_194;

export const customers: ResourceSpec = { name: 'customers', fields: [{ name: 'name', type: 'string', optional: false }] };
/** Every field type, required and optional, and a ref. */
export const lineItems: ResourceSpec = {
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

/** What a project's migrations `folder` reads as after `files` were written (the newest snapshot). */
export function folderAfter(folder: string, files: Map<string, string>): DrizzleFolder {
  const snapshot = [...files.keys()].find((path) => path.endsWith('_snapshot.json'))!;
  return { journal: JSON.parse(files.get(`${folder}/meta/_journal.json`)!), latestSnapshot: JSON.parse(files.get(snapshot)!) };
}

/** A dialect as its test spells it out, so that the contract checks the dialect rather than reads it. */
export interface DialectFacts {
  /** The migrations folder. */
  folder: string;
  /** The journal's and snapshots' `dialect`. */
  id: string;
  snapshotVersion: string;
  /** The dialect as messages name it. */
  label: string;
  /** The snapshot's key of a table. */
  tableKey(name: string): string;
  /** An identifier, quoted as the SQL quotes it. */
  quote(name: string): string;
  /** The statement that drops `table`. */
  drop(table: string): string;
  /** What turns the notes table into one the user declared with drizzle-kit: a serial id, no index. */
  userTable: Record<string, unknown>;
  /**
   * Foreign keys are clauses of CREATE TABLE, and each new table's indexes follow it (SQLite), rather
   * than ALTER TABLE statements after every new table, then every index.
   */
  inlineForeignKeys?: boolean;
  /** lineItems' columns as the snapshot records them: name, SQL type, NOT NULL. */
  lineItemsColumns: [name: string, sqlType: string, notNull: boolean][];
  /**
   * Where the dialect's column map also gives the table template its declarations: the map, and the
   * declaration of each field type for a column named `x`.
   */
  declarations?: { columns: Record<FieldType, { builder: string; options?: string }>; expected: Record<FieldType, string> };
}

/** A table of every dialect's snapshot: its columns have a name, an SQL type and NOT NULL. */
type TableWithColumns = SnapshotTable & { columns: Record<string, { name: string; type: string; notNull: boolean }> };

export function drizzleMigrationContract<T extends TableWithColumns>(dialect: DrizzleDialect<T>, facts: DialectFacts): void {
  const { folder, id, snapshotVersion, label, tableKey, quote, drop } = facts;
  const migration = (resources: readonly ResourceSpec[], from: DrizzleFolder, options: MigrationOptions) => drizzleMigration(dialect, resources, from, options);
  const folderOf = (files: Map<string, string>) => folderAfter(folder, files);
  const snapshotOf = (files: Map<string, string>, prefix: string) => JSON.parse(files.get(`${folder}/meta/${prefix}_snapshot.json`)!);
  const journalOf = (files: Map<string, string>) => JSON.parse(files.get(`${folder}/meta/_journal.json`)!);
  /** Each statement of a migration by its first three words: what it does to which table or index. */
  const starts = (sql: string) => sql.split('--> statement-breakpoint\n').map((s) => s.split(' ').slice(0, 3).join(' '));
  /** `starts` of the statements that create `tables`, each with its count of foreign keys and its indexes. */
  const creating = (...tables: [name: string, foreignKeys: number, indexes: string[]][]) => {
    const create = (name: string) => `CREATE TABLE ${quote(name)}`;
    const indexes = (names: string[]) => names.map((name) => `CREATE INDEX ${quote(name)}`);
    if (facts.inlineForeignKeys) return tables.flatMap(([name, , names]) => [create(name), ...indexes(names)]);
    return [
      ...tables.map(([name]) => create(name)),
      ...tables.flatMap(([name, foreignKeys]) => Array.from({ length: foreignKeys }, () => `ALTER TABLE ${quote(name)}`)),
      ...tables.flatMap(([, , names]) => indexes(names)),
    ];
  };
  const lineItemsIndexes = ['line_items_created_at_id_idx', 'line_items_customer_id_idx', 'line_items_referrer_id_idx'];

  describe('from nothing', () => {
    const files = migration([SAMPLE_RESOURCE], {}, { when: WHEN, name: 'init' })!;

    it('writes the init migration, its snapshot and a journal of one entry', () => {
      expect([...files.keys()]).toEqual([`${folder}/0000_init.sql`, `${folder}/meta/0000_snapshot.json`, `${folder}/meta/_journal.json`]);
      expect(files.get(`${folder}/meta/_journal.json`)).toBe(
        JSON.stringify(
          { version: '7', dialect: id, entries: [{ idx: 0, version: snapshotVersion, when: WHEN, tag: '0000_init', breakpoints: true }] },
          null,
          2,
        ),
      );
    });

    it('snapshots the schema as two-space JSON without a final newline, first in the chain, with a name-based id', () => {
      const text = files.get(`${folder}/meta/0000_snapshot.json`)!;
      expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2));
      const snapshot = JSON.parse(text);
      expect(snapshot.prevId).toBe('00000000-0000-0000-0000-000000000000');
      expect(snapshot.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(snapshot).toMatchObject({ version: snapshotVersion, dialect: id });
      expect(Object.keys(snapshot.tables)).toEqual([tableKey('notes')]);
    });

    it('is deterministic: the same resources give the same bytes', () => {
      expect(migration([SAMPLE_RESOURCE], {}, { when: WHEN, name: 'init' })).toEqual(files);
    });

    it("creates every table in one migration, with its foreign keys and indexes, in drizzle-kit's order", () => {
      const both = migration([customers, lineItems], {}, { when: WHEN, name: 'init' })!;
      expect(starts(both.get(`${folder}/0000_init.sql`)!)).toEqual(creating(['customers', 0, ['customers_created_at_id_idx']], ['line_items', 2, lineItemsIndexes]));
    });
  });

  describe('adding a resource', () => {
    const init = migration([customers], {}, { when: WHEN, name: 'init' })!;
    const files = migration([customers, lineItems], folderOf(init), { when: WHEN + 1000, name: 'add_line_items' })!;

    it('creates only the new table, its foreign keys and indexes', () => {
      expect([...files.keys()]).toEqual([`${folder}/0001_add_line_items.sql`, `${folder}/meta/0001_snapshot.json`, `${folder}/meta/_journal.json`]);
      expect(starts(files.get(`${folder}/0001_add_line_items.sql`)!)).toEqual(creating(['line_items', 2, lineItemsIndexes]));
    });

    it('snapshots the previous tables unchanged plus the new one, chained to the previous snapshot', () => {
      const before = snapshotOf(init, '0000');
      const next = snapshotOf(files, '0001');
      expect(next.prevId).toBe(before.id);
      expect(next.id).not.toBe(before.id);
      expect(Object.keys(next.tables)).toEqual([tableKey('customers'), tableKey('line_items')]);
      expect(next.tables[tableKey('customers')]).toEqual(before.tables[tableKey('customers')]);
      const table = next.tables[tableKey('line_items')];
      expect(table).toEqual(dialect.table(lineItems));
      expect(table.foreignKeys['line_items_customer_id_customers_id_fk']).toEqual({
        name: 'line_items_customer_id_customers_id_fk',
        tableFrom: 'line_items',
        tableTo: 'customers',
        columnsFrom: ['customer_id'],
        columnsTo: ['id'],
        onDelete: 'restrict',
        onUpdate: 'no action',
      });
      expect(Object.keys(table.indexes)).toEqual(['line_items_created_at_id_idx', 'line_items_customer_id_idx', 'line_items_referrer_id_idx']);
    });

    it('appends to the journal, keeping the entries there', () => {
      expect(journalOf(files).entries.map((e: { tag: string; idx: number; when: number; version: string }) => [e.idx, e.tag, e.when, e.version])).toEqual([
        [0, '0000_init', WHEN, snapshotVersion],
        [1, '0001_add_line_items', WHEN + 1000, snapshotVersion],
      ]);
    });

    it('dates a migration after the previous one even when the clock says otherwise (the migrator skips older ones)', () => {
      const early = migration([customers, lineItems], folderOf(init), { when: WHEN - 5000, name: 'add_line_items' })!;
      expect(journalOf(early).entries[1].when).toBe(WHEN + 1);
    });

    it('creates a table that references itself', () => {
      const categories: ResourceSpec = { name: 'categories', fields: [{ name: 'parent', type: 'ref', optional: true, ref: 'categories' }] };
      const files = migration([categories], {}, { when: WHEN, name: 'init' })!;
      const sql = files.get(`${folder}/0000_init.sql`)!;
      if (facts.inlineForeignKeys) expect(sql.split('--> statement-breakpoint\n')[0]).toContain(`REFERENCES ${quote('categories')}`);
      else expect(starts(sql)).toContain(`ALTER TABLE ${quote('categories')}`);
      expect(snapshotOf(files, '0000').tables[tableKey('categories')].foreignKeys['categories_parent_id_categories_id_fk'].tableTo).toBe('categories');
    });

    it('refuses a table whose reference would point at no table', () => {
      expect(() => migration([lineItems], {}, { when: WHEN, name: 'init' })).toThrow(/"line_items" references table "customers", which is not in the schema/);
    });
  });

  describe('removing a resource', () => {
    const init = migration([SAMPLE_RESOURCE, customers, lineItems], {}, { when: WHEN, name: 'init' })!;

    it('drops its table as drizzle-kit does and leaves it out of the snapshot', () => {
      const files = migration([SAMPLE_RESOURCE, customers], folderOf(init), { when: WHEN + 1, name: 'remove_line_items', removed: [lineItems] })!;
      expect(files.get(`${folder}/0001_remove_line_items.sql`)).toBe(drop('line_items'));
      const snapshot = snapshotOf(files, '0001');
      expect(Object.keys(snapshot.tables)).toEqual([tableKey('customers'), tableKey('notes')]);
      expect(snapshot.prevId).toBe(snapshotOf(init, '0000').id);
    });

    it("drops several tables in the snapshot's order, as drizzle-kit does, whatever the order of `removed`", () => {
      const files = migration([customers], folderOf(init), { when: WHEN + 1, name: 'remove', removed: [SAMPLE_RESOURCE, lineItems] })!;
      expect(files.get(`${folder}/0001_remove.sql`)).toBe(`${drop('line_items')}--> statement-breakpoint\n${drop('notes')}`);
    });

    it('refuses to drop a table another table still references', () => {
      expect(() => migration([SAMPLE_RESOURCE, lineItems], folderOf(init), { when: WHEN + 1, name: 'remove_customers', removed: [customers] })).toThrow(
        'cannot drop table "customers": table "line_items" still references it (line_items_customer_id_customers_id_fk)',
      );
    });

    it('gives a snapshot a new id when it equals an earlier one, so drizzle-kit sees one chain', () => {
      const first = migration([customers], {}, { when: WHEN, name: 'init' })!;
      const added = migration([customers, lineItems], folderOf(first), { when: WHEN + 1, name: 'add' })!;
      const removed = migration([customers], folderOf(added), { when: WHEN + 2, name: 'remove', removed: [lineItems] })!;
      const ids = [snapshotOf(first, '0000').id, snapshotOf(added, '0001').id, snapshotOf(removed, '0002').id];
      expect(new Set(ids).size).toBe(3);
      expect(snapshotOf(removed, '0002').tables).toEqual(snapshotOf(first, '0000').tables);
    });
  });

  describe('tables it does not own', () => {
    const init = migration([SAMPLE_RESOURCE], {}, { when: WHEN, name: 'init' })!;
    const initSnapshot = snapshotOf(init, '0000');
    const notes = initSnapshot.tables[tableKey('notes')];
    // The user added a table of their own, and one copied from the generated notes table, with drizzle-kit.
    const userTables = {
      [tableKey('audit_log')]: { ...notes, name: 'audit_log', ...facts.userTable },
      [tableKey('notes_archive')]: { ...notes, name: 'notes_archive' },
    };
    const edited: DrizzleFolder = { ...folderOf(init), latestSnapshot: { ...initSnapshot, tables: { ...initSnapshot.tables, ...userTables } } };

    it('changes nothing when every resource has its table', () => {
      expect(migration([SAMPLE_RESOURCE], folderOf(init), { when: WHEN + 1, name: 'noop' })).toBeUndefined();
      expect(migration([SAMPLE_RESOURCE], edited, { when: WHEN + 1, name: 'noop' })).toBeUndefined();
    });

    it('keeps tables that belong to no resource, whatever they look like, when adding or removing one', () => {
      const added = migration([SAMPLE_RESOURCE, customers], edited, { when: WHEN + 1, name: 'add_customers' })!;
      expect(added.get(`${folder}/0001_add_customers.sql`)).not.toMatch(/audit_log|notes_archive|DROP/);
      expect(snapshotOf(added, '0001').tables).toMatchObject(userTables);

      const removed = migration([], edited, { when: WHEN + 1, name: 'remove_notes', removed: [SAMPLE_RESOURCE] })!;
      expect(removed.get(`${folder}/0001_remove_notes.sql`)).toBe(drop('notes'));
      expect(Object.keys(snapshotOf(removed, '0001').tables)).toEqual([tableKey('audit_log'), tableKey('notes_archive')]);
    });

    it('keeps a resource table the user changed as it is', () => {
      const changed = { ...notes, columns: { ...notes.columns, pinned: { ...notes.columns.title, name: 'pinned', type: 'boolean', notNull: false } } };
      const from: DrizzleFolder = { ...folderOf(init), latestSnapshot: { ...initSnapshot, tables: { [tableKey('notes')]: changed } } };
      const added = migration([SAMPLE_RESOURCE, customers], from, { when: WHEN + 1, name: 'add_customers' })!;
      expect(snapshotOf(added, '0001').tables[tableKey('notes')]).toEqual(changed);
    });

    it('keeps what the snapshot has beside its tables, in its place, with a fresh _meta', () => {
      const views = { recent_notes: { name: 'recent_notes', definition: 'select 1' } };
      const meta = { schemas: {}, tables: { old_notes: 'notes_archive' }, columns: {} };
      const from: DrizzleFolder = { ...folderOf(init), latestSnapshot: { ...initSnapshot, views, _meta: meta } };
      const snapshot = snapshotOf(migration([SAMPLE_RESOURCE, customers], from, { when: WHEN + 1, name: 'add_customers' })!, '0001');
      expect(Object.keys(snapshot)).toEqual(Object.keys(initSnapshot));
      expect(snapshot.views).toEqual(views);
      expect(snapshot._meta).toEqual({ schemas: {}, tables: {}, columns: {} });
    });

    it('drops only what `removed` names and the snapshot has', () => {
      expect(migration([SAMPLE_RESOURCE], edited, { when: WHEN + 1, name: 'remove', removed: [customers] })).toBeUndefined();
      expect(migration([SAMPLE_RESOURCE], edited, { when: WHEN + 1, name: 'remove', removed: [SAMPLE_RESOURCE] })).toBeUndefined();
    });
  });

  describe('input checks', () => {
    const others = ['sqlite', 'postgresql', 'mysql'].filter((other) => other !== id);
    const journal = { version: '7', dialect: id, entries: [{ idx: 0, version: snapshotVersion, when: WHEN, tag: '0000_init', breakpoints: true }] };
    const refused = (from: DrizzleFolder) => () => migration([SAMPLE_RESOURCE], from, { when: WHEN, name: 'x' });

    it(`refuses a folder that is not drizzle-kit ${label} metadata`, () => {
      for (const other of others) {
        expect(refused({ journal: { version: '7', dialect: other, entries: [] } })).toThrow(
          `${folder}/meta/_journal.json is not a drizzle-kit ${label} journal`,
        );
        expect(refused({ journal: { dialect: other, entries: [] } })).toThrow(`not a drizzle-kit ${label} journal`);
      }
      expect(refused({ journal })).toThrow(/has no snapshot/);
      for (const dialectId of [id, ...others]) {
        for (const version of ['5', '6', '7'].filter((version) => dialectId !== id || version !== snapshotVersion)) {
          expect(refused({ journal, latestSnapshot: { version, dialect: dialectId, id: 'x', tables: {} } })).toThrow(
            `the latest ${folder}/meta snapshot is not a drizzle-kit ${label} snapshot of version ${snapshotVersion}`,
          );
        }
      }
    });

    it('refuses a migration name drizzle-kit would not write', () => {
      expect(() => migration([SAMPLE_RESOURCE], {}, { when: WHEN, name: 'Add invoices' })).toThrow(/must be lowercase letters, digits and "_"/);
    });

    it('does not change the objects it was given', () => {
      const init = migration([SAMPLE_RESOURCE], {}, { when: WHEN, name: 'init' })!;
      const from = folderOf(init);
      const copy = structuredClone(from);
      migration([SAMPLE_RESOURCE, customers], from, { when: WHEN + 1, name: 'add' });
      migration([], from, { when: WHEN + 1, name: 'remove', removed: [SAMPLE_RESOURCE] });
      expect(from).toEqual(copy);
    });
  });

  describe('column types', () => {
    it('records each field type as drizzle-kit does for its column, nullable when optional', () => {
      expect(Object.values(dialect.table(lineItems).columns).map((c) => [c.name, c.type, c.notNull])).toEqual(facts.lineItemsColumns);
    });

    const { declarations } = facts;
    if (declarations) {
      it('gives the table template the column declarations those types come from', () => {
        const { columns, expected } = declarations;
        const declaration = (type: FieldType) => `${columns[type].builder}('x'${columns[type].options ? `, ${columns[type].options}` : ''})`;
        expect(Object.fromEntries(FIELD_TYPES.map((type) => [type, declaration(type)]))).toEqual(expected);
      });
    }
  });
}
