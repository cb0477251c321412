// Page sizes of every list, in every API style.
import { HttpProblem } from '../errors.js';

export const PAGE_LIMIT_MAX = 100;
export const PAGE_LIMIT_DEFAULT = 20;

/** Throws 400 unless the page size is an integer from 1 to PAGE_LIMIT_MAX. */
export function checkPageLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_LIMIT_MAX) {
    throw new HttpProblem(400, `limit must be an integer from 1 to ${PAGE_LIMIT_MAX}`, { title: 'Invalid page size' });
  }
  return limit;
}
