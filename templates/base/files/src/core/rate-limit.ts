// Fixed-window rate limiting over the RateLimitStore port, with draft-ietf-httpapi-ratelimit-headers.
import type { FastifyInstance } from 'fastify';
import { problem, sendProblem } from './errors.js';
import { isOpsPath } from './ops-paths.js';
import type { RateLimitStore } from './ports.js';

const POLICY = 'default';

/** In-process store; fine for one instance. Expired windows are swept periodically. */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly kind = 'memory';
  readonly #windows = new Map<string, { count: number; resetAt: number }>();
  readonly #sweeper: NodeJS.Timeout;

  constructor(sweepIntervalMs = 60_000) {
    this.#sweeper = setInterval(() => this.sweep(), sweepIntervalMs);
    this.#sweeper.unref();
  }

  async hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }> {
    const now = Date.now();
    let window = this.#windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowMs };
      this.#windows.set(key, window);
    }
    window.count += 1;
    return { count: window.count, resetMs: window.resetAt - now };
  }

  sweep(now = Date.now()): void {
    for (const [key, window] of this.#windows) if (window.resetAt <= now) this.#windows.delete(key);
  }

  get size(): number {
    return this.#windows.size;
  }

  close(): void {
    clearInterval(this.#sweeper);
  }
}

export interface RateLimitOptions {
  max: number;
  windowSeconds: number;
  /** Read per request, so a module may replace the store after this hook is registered. */
  store: () => RateLimitStore;
}

export function registerRateLimit(app: FastifyInstance, options: RateLimitOptions): void {
  const windowMs = options.windowSeconds * 1000;
  const policy = `"${POLICY}";q=${options.max};w=${options.windowSeconds}`;
  app.addHook('onRequest', async (request, reply) => {
    if (isOpsPath(request.url)) return;
    const key = request.principal ? `sub:${request.principal.subject}` : `ip:${request.ip}`;
    let hit: { count: number; resetMs: number };
    try {
      hit = await options.store().hit(key, windowMs);
    } catch (error) {
      // Fail open: a rate-limit store outage (e.g. Redis down) must not take the API down with it.
      // /readyz reports the dependency; the log says why this request went unlimited.
      request.log.warn({ err: error }, 'rate limit store unavailable; request not limited');
      return;
    }
    const { count, resetMs } = hit;
    const remaining = Math.max(0, options.max - count);
    const resetSeconds = Math.max(1, Math.ceil(resetMs / 1000));
    reply.header('RateLimit-Policy', policy);
    reply.header('RateLimit', `"${POLICY}";r=${remaining};t=${resetSeconds}`);
    if (count > options.max) {
      reply.header('Retry-After', String(resetSeconds));
      return sendProblem(request, reply, problem(429, `Rate limit of ${options.max} requests per ${options.windowSeconds}s exceeded`));
    }
  });
}
