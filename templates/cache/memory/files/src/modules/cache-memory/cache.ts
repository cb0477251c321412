// Bounded in-process cache (LRU eviction + per-entry TTL).
import { LRUCache } from 'lru-cache';
import type { Cache } from '../../core/ports.js';

export function createMemoryCache(options: { maxEntries: number }): Cache & { clear(): void } {
  const lru = new LRUCache<string, string>({ max: options.maxEntries, ttlAutopurge: false });
  return {
    kind: 'memory',
    async get(key) {
      return lru.get(key);
    },
    async set(key, value, ttlSeconds) {
      lru.set(key, value, { ttl: ttlSeconds * 1000 });
    },
    async delete(key) {
      lru.delete(key);
    },
    clear: () => lru.clear(),
  };
}
