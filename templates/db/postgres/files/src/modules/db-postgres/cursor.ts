import { HttpProblem } from '../../core/errors.js';

export interface CursorPosition {
  createdAt: string; // ISO 8601, ms precision
  id: string;
}

export const encodeCursor = (pos: CursorPosition): string =>
  Buffer.from(JSON.stringify([pos.createdAt, pos.id])).toString('base64url');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID.test(value);

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'string' && typeof id === 'string' && isUuid(id) && !Number.isNaN(Date.parse(createdAt))) {
      return { createdAt, id };
    }
  } catch {
    // fall through
  }
  throw new HttpProblem(400, 'The "after" cursor is malformed; pass back a nextCursor unchanged.', { title: 'Invalid cursor' });
}
