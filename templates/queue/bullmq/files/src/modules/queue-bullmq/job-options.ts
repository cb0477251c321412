export const JOB_ATTEMPTS = 5;
export const BACKOFF_DELAY_MS = 1000; // exponential: 1 s, 2 s, 4 s, 8 s between the 5 attempts
export const KEEP_COMPLETED = { age: 3600, count: 1000 }; // jobId dedupe holds while a job is kept
export const KEEP_FAILED = { age: 7 * 24 * 3600 };

/** BullMQ's key prefix: under the app's REDIS_KEY_PREFIX, so projects (and tests) sharing a Redis never share a queue. */
export const bullmqPrefix = (redisKeyPrefix: string): string => `${redisKeyPrefix}bull`;

/** Delay before retry n (1-based), as BullMQ's exponential backoff without jitter. */
export const backoffDelay = (baseMs: number, attemptsMade: number): number => baseMs * 2 ** (attemptsMade - 1);
