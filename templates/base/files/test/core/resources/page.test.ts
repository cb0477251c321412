import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPageLimit, PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from '../../../src/core/resources/page.js';
import { hostilePageSize } from '../../support/hostile-input.js';

describe('page size rule', () => {
  it(`accepts integers from 1 to ${PAGE_LIMIT_MAX}, the default among them`, () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: PAGE_LIMIT_MAX }), (n) => void expect(checkPageLimit(n)).toBe(n)));
    expect(checkPageLimit(PAGE_LIMIT_DEFAULT)).toBe(PAGE_LIMIT_DEFAULT);
  });

  it('refuses 0, negatives, oversized, fractional and non-finite sizes with a 400', () => {
    fc.assert(fc.property(hostilePageSize, (n) => void expect(() => checkPageLimit(n)).toThrow(expect.objectContaining({ status: 400 }))));
  });
});
