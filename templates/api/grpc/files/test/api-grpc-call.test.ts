import { describe, expect, it } from 'vitest';
import { isDeadlineCancellation } from '../src/modules/api-grpc/call.js';

describe('isDeadlineCancellation', () => {
  const openedAt = 10_000;

  it('takes a cancellation in the last quarter of the timeout as the deadline', () => {
    expect(isDeadlineCancellation(openedAt + 1200, openedAt, openedAt + 2000)).toBe(false);
    expect(isDeadlineCancellation(openedAt + 1500, openedAt, openedAt + 2000)).toBe(true);
    expect(isDeadlineCancellation(openedAt + 2500, openedAt, openedAt + 2000)).toBe(true);
  });

  it('allows at most a second of slack for long timeouts', () => {
    expect(isDeadlineCancellation(openedAt + 58_000, openedAt, openedAt + 60_000)).toBe(false);
    expect(isDeadlineCancellation(openedAt + 59_001, openedAt, openedAt + 60_000)).toBe(true);
  });

  it('never takes the cancellation of a call without a deadline as one', () => {
    expect(isDeadlineCancellation(openedAt + 1e12, openedAt, Number.POSITIVE_INFINITY)).toBe(false);
  });
});
