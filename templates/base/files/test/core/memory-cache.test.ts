import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createMemoryCache } from '../../src/core/memory-cache.js';

describe('createMemoryCache', () => {
  it('gets, sets and deletes', async () => {
    const cache = createMemoryCache(10);
    expect(await cache.get('a')).toBeUndefined();
    await cache.set('a', '1', 60);
    expect(await cache.get('a')).toBe('1');
    await cache.delete('a');
    expect(await cache.get('a')).toBeUndefined();
  });

  it('evicts the least recently used entry beyond its capacity', async () => {
    const cache = createMemoryCache(2);
    await cache.set('a', '1', 60);
    await cache.set('b', '2', 60);
    expect(await cache.get('a')).toBe('1'); // a is now the most recently used
    await cache.set('c', '3', 60);
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('a')).toBe('1');
    expect(await cache.get('c')).toBe('3');
  });

  it('expires an entry after its TTL, which is at least one second', async () => {
    const cache = createMemoryCache(10);
    await cache.set('short', 'x', 0.05);
    await sleep(100);
    expect(await cache.get('short')).toBe('x');
    await sleep(1000);
    expect(await cache.get('short')).toBeUndefined();
  });

  it('clear() drops every entry', async () => {
    const cache = createMemoryCache(10);
    await cache.set('a', '1', 60);
    cache.clear();
    expect(await cache.get('a')).toBeUndefined();
  });
});
