// Tests against the Redis named by TEST_REDIS_URL write only under a unique key prefix, removed afterwards.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const uniquePrefix = (): string => `test-${randomBytes(4).toString('hex')}:`;

export async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    const stream = redis.scanStream({ match: `${prefix}*`, count: 500 });
    for await (const keys of stream as AsyncIterable<string[]>) if (keys.length) await redis.unlink(...keys);
  } finally {
    await redis.quit();
  }
}

/** A traced app's Redis (test/telemetry.test.ts): a unique key prefix on the server, removed afterwards. */
export async function tracedEnv(url: string): Promise<{ env: Record<string, string>; cleanup(): Promise<void> }> {
  const prefix = uniquePrefix();
  return { env: { REDIS_URL: url, REDIS_KEY_PREFIX: prefix }, cleanup: () => deleteKeys(url, prefix) };
}
