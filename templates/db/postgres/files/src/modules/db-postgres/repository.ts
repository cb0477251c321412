import { asc, eq, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Note, NotesRepository } from '../../core/ports.js';
import { cursorOf, decodeCursor } from '../../features/notes/cursor.js';
import { guarded } from './errors.js';
import { isUuid } from './uuid.js';
import { notes, type NoteRow } from './schema.js';

// Both drizzle drivers (node-postgres and PGlite) are PgDatabase instances.
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;

const toNote = (row: NoteRow): Note => ({
  id: row.id,
  title: row.title,
  body: row.body,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/** Every failure leaves as a DatabaseUnavailableError (503) or a DatabaseQueryError (500), see errors.ts. */
export function createNotesRepository(db: Db): NotesRepository {
  return {
    create: (input) =>
      guarded(async () => {
        const now = new Date();
        const [row] = await db
          .insert(notes)
          .values({ title: input.title, body: input.body, createdAt: now, updatedAt: now })
          .returning();
        return toNote(row!);
      }),

    get: (id) =>
      guarded(async () => {
        if (!isUuid(id)) return undefined;
        const [row] = await db.select().from(notes).where(eq(notes.id, id));
        return row && toNote(row);
      }),

    list: ({ limit, after }) =>
      guarded(async () => {
        const pos = after === undefined ? undefined : decodeCursor(after, isUuid);
        const rows = await db
          .select()
          .from(notes)
          .where(pos && sql`(${notes.createdAt}, ${notes.id}) > (${pos.createdAt}::timestamptz, ${pos.id}::uuid)`)
          .orderBy(asc(notes.createdAt), asc(notes.id))
          .limit(limit + 1);
        const items = rows.slice(0, limit).map(toNote);
        const last = items.at(-1);
        const nextCursor = rows.length > limit && last ? cursorOf(last) : null;
        return { items, nextCursor };
      }),

    update: (id, patch) =>
      guarded(async () => {
        if (!isUuid(id)) return undefined;
        const [row] = await db
          .update(notes)
          .set({
            ...(patch.title !== undefined && { title: patch.title }),
            ...(patch.body !== undefined && { body: patch.body }),
            updatedAt: new Date(),
          })
          .where(eq(notes.id, id))
          .returning();
        return row && toNote(row);
      }),

    delete: (id) =>
      guarded(async () => {
        if (!isUuid(id)) return false;
        const rows = await db.delete(notes).where(eq(notes.id, id)).returning({ id: notes.id });
        return rows.length > 0;
      }),
  };
}
