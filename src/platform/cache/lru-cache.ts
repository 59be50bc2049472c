import { LRUCache } from 'lru-cache';
import type { Cache } from './cache.js';

export function createLruCache(maxEntries = 10_000): Cache {
  const lru = new LRUCache<string, { value: unknown }>({ max: maxEntries, ttlAutopurge: false });
  return {
    async get<T>(key: string) {
      return lru.get(key)?.value as T | undefined;
    },
    async set<T>(key: string, value: T, ttlMs: number) {
      lru.set(key, { value }, { ttl: ttlMs });
    },
    async delete(key: string) {
      lru.delete(key);
    },
    async close() {
      lru.clear();
    },
  };
}
