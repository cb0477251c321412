import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import cacheRedis from '../src/modules/cache-redis/index.js';
import connectionRedis from '../src/modules/connection-redis/index.js';
import { testApp, testModules } from './support/app.js';
import { deleteKeys, uniquePrefix } from './support/redis.js';
import { describeWithService } from './support/services.js';
import { createWidgetsService } from './support/widgets.js';

describe('cache-redis without REDIS_URL', () => {
  it('caches in this process (core/memory-cache.ts) when there is no Redis connection', async () => {
    const built = await testModules([connectionRedis, cacheRedis]);
    expect(built.app.cache.kind).toBe('memory');
    await built.app.close();
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
    const cache = built.app.cache;
    expect(cache.kind).toBe('redis');
    expect(await cache.get('record:1')).toBeUndefined();
    await cache.set('record:1', '{"a":1}', 30);
    expect(await cache.get('record:1')).toBe('{"a":1}');
    const ttl = await built.app.redis!.ttl(`${prefix}cache:record:1`);
    expect(ttl).toBeGreaterThan(25);
    expect(ttl).toBeLessThanOrEqual(30);
    await cache.delete('record:1');
    expect(await cache.get('record:1')).toBeUndefined();
  });

  it('expires entries', async () => {
    await built.app.cache.set('short', 'v', 1);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await built.app.cache.get('short')).toBeUndefined();
  });

  // Every resource's service is the core's createResourceService bound to its names: the widgets of the
  // tests' own (support/widgets.ts) stand for them, so this passes whichever resources the project has.
  it("serves a resource service cache-aside on the app's cache: stored on read with CACHE_TTL_SECONDS, dropped on write", async () => {
    const app = await testApp({ REDIS_URL: url, REDIS_KEY_PREFIX: prefix, CACHE_TTL_SECONDS: '40' });
    try {
      const redis = app.app.redis!;
      const widgets = createWidgetsService(app);
      const widget = await widgets.create({ name: 'cached', description: '' });
      const key = `${prefix}cache:widgets:${widget.id}`;
      expect(await redis.exists(key)).toBe(0); // creating does not fill the cache
      expect(await widgets.get(widget.id)).toEqual(widget);
      expect(JSON.parse((await redis.get(key))!)).toEqual(widget);
      expect(await redis.ttl(key)).toBeGreaterThan(35);
      expect(await redis.ttl(key)).toBeLessThanOrEqual(40);

      const updated = await widgets.update(widget.id, { name: 'changed' });
      expect(await redis.exists(key)).toBe(0);
      expect(await widgets.get(widget.id)).toEqual(updated);
      expect(JSON.parse((await redis.get(key))!)).toEqual(updated);
      await widgets.delete(widget.id);
      expect(await redis.exists(key)).toBe(0);
    } finally {
      await app.app.close();
    }
  });
});
