import { LRUCache } from 'lru-cache';
import type { Cache } from './ports.js';

/**
 * A bounded in-process LRU with per-entry TTL: cache-memory's cache, and cache-redis's without REDIS_URL.
 * Bounded so memory cannot grow with the key space; per process, so with several replicas another
 * replica may serve a value for up to its TTL after a write elsewhere.
 */
export function createMemoryCache(maxEntries: number): Cache & { clear(): void } {
  const lru = new LRUCache<string, string>({ max: maxEntries });
  return {
    kind: 'memory',
    get: async (key) => lru.get(key),
    // lru-cache takes milliseconds; a TTL under a second would expire before most reads.
    set: async (key, value, ttlSeconds) => void lru.set(key, value, { ttl: Math.max(1, ttlSeconds) * 1000 }),
    delete: async (key) => void lru.delete(key),
    clear: () => lru.clear(),
  };
}
