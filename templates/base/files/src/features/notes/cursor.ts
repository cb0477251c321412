// The pagination cursor: the position (createdAt, id) of a note in the list order, opaque to clients.
// One format for every repository and API style, so any note's cursor continues right after it.
import { HttpProblem } from '../../core/errors.js';
import type { Note } from '../../core/ports.js';
import { forbiddenCharacterIn, ID_MAX } from './rules.js';

export interface CursorPosition {
  createdAt: string; // ISO 8601, ms precision
  id: string;
}

/** Longer than any cursor cursorOf makes (base64url of a 24-character date and an ASCII id of up to ID_MAX). */
export const CURSOR_MAX = 256;
export const CURSOR_PATTERN = '^[A-Za-z0-9_-]+$';
const BASE64URL = new RegExp(CURSOR_PATTERN);

/** The list order: oldest first, ids ordering notes created in the same millisecond. */
export const compareListOrder = (a: CursorPosition, b: CursorPosition): number =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

export const cursorOf = (note: Pick<Note, 'createdAt' | 'id'>): string => Buffer.from(JSON.stringify([note.createdAt, note.id])).toString('base64url');

// Exactly what Date#toISOString gives for years 1-9999: Date.parse also takes "0", "2024-02-30" or year
// +275760, which PostgreSQL refuses (and a store would have to turn into a 500).
const ISO_MS = /^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const isListDate = (value: string): boolean => ISO_MS.test(value) && new Date(value).toISOString() === value;
const isCursorId = (id: string): boolean => id.length > 0 && id.length <= ID_MAX && forbiddenCharacterIn(id) === undefined;

/** Throws 400 for anything cursorOf did not produce (`isValidId` narrows ids further, e.g. to UUIDs). */
export function decodeCursor(cursor: string, isValidId: (id: string) => boolean = () => true): CursorPosition {
  if (cursor.length <= CURSOR_MAX && BASE64URL.test(cursor)) {
    try {
      const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      if (Array.isArray(decoded) && decoded.length === 2) {
        const [createdAt, id] = decoded as unknown[];
        if (typeof createdAt === 'string' && typeof id === 'string' && isListDate(createdAt) && isCursorId(id) && isValidId(id)) {
          return { createdAt, id };
        }
      }
    } catch {
      // fall through
    }
  }
  throw new HttpProblem(400, 'The "after" cursor is malformed; pass back a cursor unchanged.', { title: 'Invalid cursor' });
}
