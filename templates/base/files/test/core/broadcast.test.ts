import { describe, expect, it } from 'vitest';
import { LocalBroadcast } from '../../src/core/broadcast.js';

describe('local broadcast', () => {
  it('delivers to every subscriber of the channel until it unsubscribes', async () => {
    const broadcast = new LocalBroadcast();
    const got: string[] = [];
    const listener = (m: string) => void got.push(m);
    const first = await broadcast.subscribe('a', listener);
    await broadcast.subscribe('a', listener); // the same function twice is two subscriptions
    await broadcast.subscribe('b', (m) => void got.push(`b:${m}`));
    await broadcast.publish('a', 'x');
    await first();
    await broadcast.publish('a', 'y');
    expect(got).toEqual(['x', 'x', 'y']);
  });
});
