import type { Redis } from 'ioredis';
import type { Cache } from './cache.js';

/** JSON values in Redis under `<prefix>:cache:`; shared by every server of a cluster. */
export function createRedisCache(redis: Redis, prefix: string): Cache {
  const k = (key: string) => `${prefix}:cache:${key}`;
  return {
    async get<T>(key: string) {
      const raw = await redis.get(k(key));
      return raw === null ? undefined : (JSON.parse(raw) as T);
    },
    async set<T>(key: string, value: T, ttlMs: number) {
      await redis.set(k(key), JSON.stringify(value), 'PX', Math.max(1, Math.round(ttlMs)));
    },
    async delete(key: string) {
      await redis.del(k(key));
    },
    async close() {
      // The Redis connection is owned and closed by the kernel.
    },
  };
}
