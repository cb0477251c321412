import type { Redis } from 'ioredis';
import type { HealthCheck } from '../../core/ports.js';

const untilAborted = (signal: AbortSignal, work: (done: () => void, fail: (e: unknown) => void) => () => void) =>
  new Promise<void>((resolve, reject) => {
    signal.throwIfAborted();
    const cleanup = work(
      () => (off(), resolve()),
      (e) => (off(), reject(e)),
    );
    const onAbort = () => (off(), reject(signal.reason));
    const off = () => (cleanup(), signal.removeEventListener('abort', onAbort));
    signal.addEventListener('abort', onAbort, { once: true });
  });

export const redisHealthCheck = (redis: Redis): HealthCheck => ({
  name: 'redis',
  timeoutMs: 1000,
  async check(signal) {
    // Between reconnect attempts commands would sit in the offline queue: fail at once instead.
    if (['reconnecting', 'close', 'end'].includes(redis.status)) {
      throw new Error(`redis is not connected (status: ${redis.status})`);
    }
    if (redis.status !== 'ready') {
      // Connecting (e.g. just after start): wait for it, bounded by the signal.
      await untilAborted(signal, (done) => {
        redis.once('ready', done);
        return () => redis.off('ready', done);
      });
    }
    await untilAborted(signal, (done, fail) => {
      redis.ping().then(done, fail);
      return () => {};
    });
  },
});
