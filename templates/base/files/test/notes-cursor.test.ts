import { describe, expect, it } from 'vitest';
import { cursorOf, decodeCursor } from '../src/features/notes/index.js';

describe('notes cursor', () => {
  const note = { id: '6f1c2a52-4c8e-4a8f-9d59-1f0b6d7f1a01', createdAt: '2026-01-02T03:04:05.678Z' };

  it('round-trips the position of a note', () => {
    expect(decodeCursor(cursorOf(note))).toEqual(note);
  });

  it('rejects what cursorOf did not produce with a 400', () => {
    for (const bad of ['', 'not-base64!', Buffer.from('{}').toString('base64url'), Buffer.from('["yesterday","x"]').toString('base64url')]) {
      expect(() => decodeCursor(bad)).toThrow(expect.objectContaining({ status: 400 }));
    }
  });

  it('narrows ids with the repository check', () => {
    const cursor = cursorOf({ ...note, id: 'not-a-uuid' });
    expect(decodeCursor(cursor).id).toBe('not-a-uuid');
    expect(() => decodeCursor(cursor, (id) => id.startsWith('6f1c'))).toThrow(expect.objectContaining({ status: 400 }));
  });
});
