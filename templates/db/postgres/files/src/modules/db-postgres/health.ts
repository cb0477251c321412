import type pg from 'pg';
import type { HealthCheck } from '../../core/ports.js';

export const abortable = <T>(promise: Promise<T>, signal: AbortSignal): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });

export const postgresHealthCheck = (pool: pg.Pool): HealthCheck => ({
  name: 'postgres',
  timeoutMs: 2000,
  // The pool's query_timeout eventually frees a stuck client; the race answers /readyz now.
  check: async (signal) => void (await abortable(pool.query('SELECT 1'), signal)),
});
