import type { Redis } from 'ioredis';
import type { RateLimitStore } from '../../core/ports.js';

// One round trip, atomic: the first hit of a window sets its expiry. The PTTL < 0 branch
// repairs a key that lost its TTL so a client can never be limited forever.
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`;

type WithHit = Redis & { rateLimitHit(key: string, windowMs: number): Promise<[number, number]> };

/** Fixed window starting at a key's first hit; resetMs = milliseconds until the window resets. */
export function createRedisRateLimitStore(redis: Redis, keyPrefix: string): RateLimitStore {
  if (!('rateLimitHit' in redis)) redis.defineCommand('rateLimitHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
  const client = redis as WithHit;
  return {
    kind: 'redis',
    async hit(key, windowMs) {
      const [count, resetMs] = await client.rateLimitHit(`${keyPrefix}rl:${key}`, windowMs);
      return { count, resetMs };
    },
  };
}
