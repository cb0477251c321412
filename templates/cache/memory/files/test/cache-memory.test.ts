import { describe, expect, it } from 'vitest';
import cacheMemory from '../src/modules/cache-memory/index.js';
import { testModules } from './support/app.js';

describe('cache-memory', () => {
  it('decorates app.cache with an in-process cache of CACHE_MAX_ENTRIES entries', async () => {
    const { app } = await testModules([cacheMemory], { CACHE_MAX_ENTRIES: '1' });
    try {
      expect(app.cache.kind).toBe('memory');
      await app.cache.set('a', '1', 60);
      await app.cache.set('b', '2', 60);
      expect(await app.cache.get('a')).toBeUndefined();
      expect(await app.cache.get('b')).toBe('2');
    } finally {
      await app.close();
    }
  });

  it('refuses a capacity below one entry', async () => {
    await expect(testModules([cacheMemory], { CACHE_MAX_ENTRIES: '0' })).rejects.toThrow(/CACHE_MAX_ENTRIES/);
  });
});
