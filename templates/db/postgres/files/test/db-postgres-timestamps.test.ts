import { describe, expect, it } from 'vitest';
import { isoFromTimestamptz } from '../src/modules/db-postgres/timestamps.js';

describe('isoFromTimestamptz', () => {
  it.each([
    ['2026-01-02 03:04:05.678+00', '2026-01-02T03:04:05.678Z'],
    ['2026-01-02 03:04:05+00', '2026-01-02T03:04:05.000Z'],
    ['2026-01-02 03:04:05.6+00', '2026-01-02T03:04:05.600Z'],
    ['2026-01-02 03:04:05.678901+00', '2026-01-02T03:04:05.678Z'],
    ['0001-01-01 00:00:00+00', '0001-01-01T00:00:00.000Z'],
    ['0099-12-31 23:59:59.999+00', '0099-12-31T23:59:59.999Z'],
    ['9999-12-31 23:59:59.999+00', '9999-12-31T23:59:59.999Z'],
    ['2026-01-02 08:34:05.678+05:30', '2026-01-02T03:04:05.678Z'],
    ['2026-01-02 00:04:05.678-03', '2026-01-02T03:04:05.678Z'],
    ['0001-01-01 00:19:32+00:19:32', '0001-01-01T00:00:00.000Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(isoFromTimestamptz(text)).toBe(iso);
  });

  it('refuses what PostgreSQL does not write with DateStyle ISO, without repeating it', () => {
    for (const text of ['2026-01-02T03:04:05Z', '01/02/2026 03:04:05 UTC', 'infinity']) {
      expect(() => isoFromTimestamptz(text)).toThrow(/^PostgreSQL returned a timestamp in an unexpected format/);
    }
  });
});
