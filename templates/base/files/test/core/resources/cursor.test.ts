import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareListOrder, cursorOf, decodeCursor } from '../../../src/core/resources/cursor.js';
import { BAD_CURSOR_DATES, encodeCursor, hostileCursor } from '../../support/hostile-input.js';

describe('cursor', () => {
  const record = { id: '6f1c2a52-4c8e-4a8f-9d59-1f0b6d7f1a01', createdAt: '2026-01-02T03:04:05.678Z' };

  it('round-trips the position of a record', () => {
    expect(decodeCursor(cursorOf(record))).toEqual(record);
  });

  it('round-trips every date a record can have (years 1 to 9999, ms precision)', () => {
    const dates = fc.date({ min: new Date('0001-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true });
    fc.assert(fc.property(dates, fc.uuid(), (date, id) => void expect(decodeCursor(cursorOf({ createdAt: date.toISOString(), id }))).toEqual({ createdAt: date.toISOString(), id })));
  });

  it('rejects what cursorOf did not produce with a 400', () => {
    for (const bad of ['', 'not-base64!', Buffer.from('{}').toString('base64url'), Buffer.from('["yesterday","x"]').toString('base64url')]) {
      expect(() => decodeCursor(bad)).toThrow(expect.objectContaining({ status: 400 }));
    }
  });

  it('rejects dates JavaScript parses but PostgreSQL cannot store ("0", "2024-02-30", year +-275760, ...)', () => {
    for (const createdAt of BAD_CURSOR_DATES) {
      expect(() => decodeCursor(encodeCursor([createdAt, record.id])), createdAt).toThrow(expect.objectContaining({ status: 400 }));
    }
  });

  it('rejects every hostile cursor with a 400, whatever the id check', () => {
    fc.assert(fc.property(hostileCursor, (cursor) => void expect(() => decodeCursor(cursor)).toThrow(expect.objectContaining({ status: 400 }))), { numRuns: 500 });
  });

  it('narrows ids with the repository check', () => {
    const cursor = cursorOf({ ...record, id: 'not-a-uuid' });
    expect(decodeCursor(cursor).id).toBe('not-a-uuid');
    expect(() => decodeCursor(cursor, (id) => id.startsWith('6f1c'))).toThrow(expect.objectContaining({ status: 400 }));
  });
});

describe('list order', () => {
  it('is oldest first, then by id', () => {
    const a = { createdAt: '2026-01-01T00:00:00.000Z', id: 'b' };
    const b = { createdAt: '2026-01-01T00:00:00.000Z', id: 'c' };
    const c = { createdAt: '2026-01-01T00:00:00.001Z', id: 'a' };
    expect([c, b, a].sort(compareListOrder)).toEqual([a, b, c]);
    expect(compareListOrder(a, { ...a })).toBe(0);
  });
});
