import { pgTable, text, timestamp, uuid, index } from 'drizzle-orm/pg-core';

// precision 3 (ms): JS Dates carry ms, so cursors built from created_at round-trip exactly.
export const notes = pgTable(
  'notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('notes_created_at_id_idx').on(t.createdAt, t.id)],
);

export type NoteRow = typeof notes.$inferSelect;
