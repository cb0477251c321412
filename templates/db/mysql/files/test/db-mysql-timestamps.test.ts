import { describe, expect, it } from 'vitest';
import { datetimeFromIso, isoFromDatetime } from '../src/modules/db-mysql/timestamps.js';

describe('DATETIME(3) text and ISO instants', () => {
  it.each([
    ['2026-01-02T03:04:05.678Z', '2026-01-02 03:04:05.678'],
    ['0001-01-01T00:00:00.000Z', '0001-01-01 00:00:00.000'],
    ['0099-12-31T23:59:59.999Z', '0099-12-31 23:59:59.999'],
    ['9999-12-31T23:59:59.999Z', '9999-12-31 23:59:59.999'],
  ])('writes %s as %s and reads it back', (iso, text) => {
    expect(datetimeFromIso(iso)).toBe(text);
    expect(isoFromDatetime(text)).toBe(iso);
  });

  it('writes an instant with an offset in UTC', () => {
    expect(datetimeFromIso('2026-01-02T08:34:05.678+05:30')).toBe('2026-01-02 03:04:05.678');
  });

  it.each([
    ['2026-01-02 03:04:05', '2026-01-02T03:04:05.000Z'],
    ['2026-01-02 03:04:05.6', '2026-01-02T03:04:05.600Z'],
    ['2026-01-02 03:04:05.678901', '2026-01-02T03:04:05.678Z'],
  ])('reads %s (another precision) as %s', (text, iso) => {
    expect(isoFromDatetime(text)).toBe(iso);
  });

  it('refuses what a DATETIME column does not hold, without repeating it', () => {
    for (const text of ['2026-01-02T03:04:05Z', '02/01/2026 03:04:05', '2026-01-02 03:04:05+00:00', '']) {
      expect(() => isoFromDatetime(text)).toThrow(/^MySQL returned a DATETIME in an unexpected format$/);
    }
  });
});
