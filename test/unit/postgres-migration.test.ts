// The migrations `generate resource`, `remove resource` and create write for db/postgres: the files
// drizzle-kit would write for the same schema change, and never a change to a table the user made.
import { describe, expect, it } from 'vitest';
import type { ResourceSpec } from '../../src/resources/resource.js';
import { SAMPLE_RESOURCE } from '../../src/resources/resource.js';
import { postgresDialect, postgresMigration } from '../../src/resources/postgres-migration.js';
import { WHEN, customers, drizzleMigrationContract, folderAfter, lineItems } from './drizzle-migration-contract.js';

describe('postgresMigration', () => {
  drizzleMigrationContract(postgresDialect, {
    folder: 'drizzle',
    id: 'postgresql',
    snapshotVersion: '7',
    label: 'PostgreSQL',
    tableKey: (name) => `public.${name}`,
    quote: (name) => `"${name}"`,
    // CASCADE, as drizzle-kit writes it.
    drop: (table) => `DROP TABLE "${table}" CASCADE;`,
    userTable: { columns: { id: { name: 'id', type: 'serial', primaryKey: true, notNull: true } }, indexes: {} },
    lineItemsColumns: [
      ['id', 'uuid', true],
      ['title', 'text', true],
      ['body', 'text', false],
      ['count', 'integer', true],
      ['amount', 'double precision', false],
      ['paid', 'boolean', true],
      ['due_date', 'timestamp(3) with time zone', false],
      ['external_id', 'uuid', true],
      ['status', 'text', true],
      ['customer_id', 'uuid', true],
      ['referrer_id', 'uuid', false],
      ['created_at', 'timestamp(3) with time zone', true],
      ['updated_at', 'timestamp(3) with time zone', true],
    ],
  });
});

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

describe('postgresMigration SQL and snapshot, as drizzle-kit writes them', () => {
  const files = postgresMigration([SAMPLE_RESOURCE], {}, { when: WHEN, name: 'init' })!;

  it('writes the init migration of the notes table', () => {
    expect(files.get('drizzle/0000_init.sql')).toBe(NOTES_INIT_SQL);
  });

  it('snapshots every key, in its order', () => {
    const snapshot = JSON.parse(files.get('drizzle/meta/0000_snapshot.json')!);
    expect(Object.keys(snapshot)).toEqual(['id', 'prevId', 'version', 'dialect', 'tables', 'enums', 'schemas', 'sequences', 'roles', 'policies', 'views', '_meta']);
    expect(Object.keys(snapshot.tables['public.notes'].columns)).toEqual(['id', 'title', 'body', 'created_at', 'updated_at']);
    expect(snapshot._meta).toEqual({ columns: {}, schemas: {}, tables: {} });
  });

  it('creates a new table with a column per field, its foreign keys and indexes', () => {
    const init = postgresMigration([customers], {}, { when: WHEN, name: 'init' })!;
    const added = postgresMigration([customers, lineItems], folderAfter('drizzle', init), { when: WHEN + 1000, name: 'add_line_items' })!;
    expect(added.get('drizzle/0001_add_line_items.sql')).toBe(`CREATE TABLE "line_items" (
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

  it('references a table from itself in the public schema', () => {
    const categories: ResourceSpec = { name: 'categories', fields: [{ name: 'parent', type: 'ref', optional: true, ref: 'categories' }] };
    const sql = postgresMigration([categories], {}, { when: WHEN, name: 'init' })!.get('drizzle/0000_init.sql')!;
    expect(sql).toContain('ALTER TABLE "categories" ADD CONSTRAINT "categories_parent_id_categories_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."categories"("id")');
  });
});
