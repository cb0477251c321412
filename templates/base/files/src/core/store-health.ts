// The readiness check of a database store: one cheap query, answered within the check's timeout, and a
// failure as the store's error mapping words it (the driver's own message can name users, hosts and
// databases, and /readyz is public).
import type { HealthCheck } from './ports.js';

/** `promise`, or the signal's reason once it aborts first. */
const abortable = <T>(promise: Promise<T>, signal: AbortSignal): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });

/**
 * `probe` runs one query (its pool's own timeouts eventually free a stuck connection; the race answers now);
 * `assess` judges its answer, and what it throws is the check's output as it is.
 */
export const storeHealthCheck = <T>(name: string, probe: () => Promise<T>, toError: (error: unknown) => Error, assess: (answer: T) => void = () => {}): HealthCheck => ({
  name,
  timeoutMs: 2000,
  async check(signal) {
    let answer: T;
    try {
      answer = await abortable(probe(), signal);
    } catch (error) {
      throw signal.aborted ? error : toError(error);
    }
    assess(answer);
  },
});
