// NotesRepository held in process memory: for development, tests and demos (data is lost on restart).
import { randomUUID } from 'node:crypto';
import type { Note, NotesRepository } from '../../core/ports.js';
import { compareListOrder, cursorOf, decodeCursor } from '../../features/notes/cursor.js';

export function createMemoryNotesRepository(): NotesRepository {
  const notes = new Map<string, Note>();
  return {
    async create(input) {
      const now = new Date().toISOString();
      const note: Note = { id: randomUUID(), title: input.title, body: input.body, createdAt: now, updatedAt: now };
      notes.set(note.id, note);
      return { ...note };
    },
    async get(id) {
      const note = notes.get(id);
      return note && { ...note };
    },
    async list({ limit, after }) {
      const from = after === undefined ? undefined : decodeCursor(after);
      const sorted = [...notes.values()].sort(compareListOrder);
      const rest = from ? sorted.filter((n) => compareListOrder(n, from) > 0) : sorted;
      const items = rest.slice(0, limit).map((n) => ({ ...n }));
      const last = items.at(-1);
      return { items, nextCursor: rest.length > limit && last ? cursorOf(last) : null };
    },
    async update(id, patch) {
      const note = notes.get(id);
      if (!note) return undefined;
      const updated: Note = { ...note, ...patch, updatedAt: new Date().toISOString() };
      notes.set(id, updated);
      return { ...updated };
    },
    async delete(id) {
      return notes.delete(id);
    },
  };
}
