// The pagination cursor: the position (createdAt, id) of a record in the list order, opaque to clients.
// One format for every resource, repository and API style, so any record's cursor continues right after it.
import { HttpProblem } from '../errors.js';
import { isIsoInstant } from './instant.js';
import type { ResourceRecord } from './records.js';
import { forbiddenCharacterIn } from './text-rule.js';

export interface CursorPosition {
  createdAt: string; // ISO 8601, ms precision
  id: string;
}

/** The longest id any store makes or accepts (a UUID has 36 characters). */
export const ID_MAX = 128;
/** Longer than any cursor cursorOf makes (base64url of a 24-character date and an ASCII id of up to ID_MAX). */
export const CURSOR_MAX = 256;
export const CURSOR_PATTERN = '^[A-Za-z0-9_-]+$';
const BASE64URL = new RegExp(CURSOR_PATTERN);

/** The list order: oldest first, ids ordering records created in the same millisecond. */
export const compareListOrder = (a: CursorPosition, b: CursorPosition): number =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

export const cursorOf = (record: Pick<ResourceRecord, 'createdAt' | 'id'>): string =>
  Buffer.from(JSON.stringify([record.createdAt, record.id])).toString('base64url');

const isCursorId = (id: string): boolean => id.length > 0 && id.length <= ID_MAX && forbiddenCharacterIn(id) === undefined;

/** Throws 400 for anything cursorOf did not produce (`isValidId` narrows ids further, e.g. to UUIDs). */
export function decodeCursor(cursor: string, isValidId: (id: string) => boolean = () => true): CursorPosition {
  if (cursor.length <= CURSOR_MAX && BASE64URL.test(cursor)) {
    try {
      const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      if (Array.isArray(decoded) && decoded.length === 2) {
        const [createdAt, id] = decoded as unknown[];
        if (typeof createdAt === 'string' && typeof id === 'string' && isIsoInstant(createdAt) && isCursorId(id) && isValidId(id)) {
          return { createdAt, id };
        }
      }
    } catch {
      // fall through
    }
  }
  throw new HttpProblem(400, 'The page cursor is malformed; pass back a cursor a list returned, unchanged.', { title: 'Invalid cursor' });
}
