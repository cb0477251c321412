import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import cacheRedis from '../src/modules/cache-redis/index.js';
import { createMemoryCache } from '../src/modules/cache-redis/memory-cache.js';
import connectionRedis from '../src/modules/connection-redis/index.js';
import { testApp, testModules } from './support/app.js';
import { deleteKeys, uniquePrefix } from './support/redis.js';
import { describeWithService } from './support/services.js';

describe('cache-redis without REDIS_URL: in-process LRU', () => {
  it('is selected when there is no Redis connection', async () => {
    const built = await testModules([connectionRedis, cacheRedis]);
    expect(built.ctx.ports.cache.kind).toBe('memory');
    await built.app.close();
  });

  it('gets, sets, deletes, expires and evicts the least recently used entry', async () => {
    const cache = createMemoryCache(2);
    await cache.set('a', '1', 60);
    await cache.set('b', '2', 60);
    expect(await cache.get('a')).toBe('1'); // a is now the most recently used
    await cache.set('c', '3', 60);
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('c')).toBe('3');
    await cache.delete('c');
    expect(await cache.get('c')).toBeUndefined();
    await cache.set('t', 'x', 0.05);
    expect(await cache.get('t')).toBe('x'); // the TTL is clamped to at least 1 s
  });
});

describeWithService('TEST_REDIS_URL', 'cache-redis over the shared Redis connection (real Redis)', (url) => {
  const prefix = uniquePrefix();
  let built: BuiltApp;
  beforeAll(async () => {
    built = await testModules([connectionRedis, cacheRedis], { REDIS_URL: url, REDIS_KEY_PREFIX: prefix });
  });
  afterAll(async () => {
    await built?.app.close();
    await deleteKeys(url, prefix);
  });

  it('gets, sets with a TTL under the key prefix, and deletes', async () => {
    const cache = built.ctx.ports.cache;
    expect(cache.kind).toBe('redis');
    expect(await cache.get('note:1')).toBeUndefined();
    await cache.set('note:1', '{"a":1}', 30);
    expect(await cache.get('note:1')).toBe('{"a":1}');
    const ttl = await built.ctx.connections.redis!.ttl(`${prefix}cache:note:1`);
    expect(ttl).toBeGreaterThan(25);
    expect(ttl).toBeLessThanOrEqual(30);
    await cache.delete('note:1');
    expect(await cache.get('note:1')).toBeUndefined();
  });

  it('expires entries', async () => {
    await built.ctx.ports.cache.set('short', 'v', 1);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await built.ctx.ports.cache.get('short')).toBeUndefined();
  });

  it('serves the notes service cache-aside through the whole app', async () => {
    const app = await testApp({ REDIS_URL: url, REDIS_KEY_PREFIX: prefix });
    try {
      const note = await app.app.notesService.create({ title: 'cached', body: '' });
      await app.app.notesService.get(note.id);
      expect(await app.ctx.connections.redis!.exists(`${prefix}cache:notes:${note.id}`)).toBe(1);
    } finally {
      await app.app.close();
    }
  });
});
