import { LRUCache } from 'lru-cache';
import type { Cache } from '../../core/ports.js';

/**
 * Fallback without Redis: a bounded in-process LRU with per-entry TTL. Bounded so memory
 * cannot grow with the key space; per process, so with several replicas another replica may
 * serve a value for up to its TTL after a write elsewhere.
 */
export function createMemoryCache(maxEntries: number): Cache {
  const lru = new LRUCache<string, string>({ max: maxEntries });
  return {
    kind: 'memory',
    get: async (key) => lru.get(key),
    set: async (key, value, ttlSeconds) => void lru.set(key, value, { ttl: Math.max(1, ttlSeconds) * 1000 }),
    delete: async (key) => void lru.delete(key),
  };
}
