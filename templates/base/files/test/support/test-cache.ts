// A Cache on a Map, for tests that look at what the services cache (the cache modules test their own).
import type { Cache } from '../../src/core/ports.js';

export function createTestCache(): Cache & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    kind: 'test',
    entries,
    async get(key) {
      return entries.get(key);
    },
    async set(key, value) {
      entries.set(key, value);
    },
    async delete(key) {
      entries.delete(key);
    },
  };
}
