// The pagination cursor: the position (createdAt, id) of a note in the list order, opaque to clients.
// One format for every repository and API style, so any note's cursor continues right after it.
import { HttpProblem } from '../../core/errors.js';
import type { Note } from '../../core/ports.js';

export interface CursorPosition {
  createdAt: string; // ISO 8601, ms precision
  id: string;
}

/** The list order: oldest first, ids ordering notes created in the same millisecond. */
export const compareListOrder = (a: CursorPosition, b: CursorPosition): number =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

export const cursorOf = (note: Pick<Note, 'createdAt' | 'id'>): string => Buffer.from(JSON.stringify([note.createdAt, note.id])).toString('base64url');

/** Throws 400 for anything cursorOf did not produce (`isValidId` narrows ids further, e.g. to UUIDs). */
export function decodeCursor(cursor: string, isValidId: (id: string) => boolean = (id) => id.length > 0): CursorPosition {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'string' && typeof id === 'string' && isValidId(id) && !Number.isNaN(Date.parse(createdAt))) {
      return { createdAt, id };
    }
  } catch {
    // fall through
  }
  throw new HttpProblem(400, 'The "after" cursor is malformed; pass back a cursor unchanged.', { title: 'Invalid cursor' });
}
