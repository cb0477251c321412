// NotesRepository held in process memory: for development, tests and demos (data is lost on restart).
import { randomUUID } from 'node:crypto';
import { HttpProblem } from '../../core/errors.js';
import type { Note, NotesRepository } from '../../core/ports.js';

interface Cursor {
  createdAt: string;
  id: string;
}
const encodeCursor = (note: Note): string => Buffer.from(JSON.stringify({ createdAt: note.createdAt, id: note.id })).toString('base64url');
function decodeCursor(cursor: string): Cursor {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (typeof value.createdAt === 'string' && typeof value.id === 'string') return { createdAt: value.createdAt, id: value.id };
  } catch {
    // fall through
  }
  throw new HttpProblem(400, 'invalid pagination cursor');
}
const byCreatedAtThenId = (a: Cursor, b: Cursor): number =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

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
      const sorted = [...notes.values()].sort(byCreatedAtThenId);
      const rest = from ? sorted.filter((n) => byCreatedAtThenId(n, from) > 0) : sorted;
      const items = rest.slice(0, limit).map((n) => ({ ...n }));
      const last = items.at(-1);
      return { items, nextCursor: rest.length > limit && last ? encodeCursor(last) : null };
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
