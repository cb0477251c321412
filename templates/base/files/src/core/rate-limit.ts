// Fixed-window rate limiting over the RateLimitStore port, with draft-ietf-httpapi-ratelimit-headers.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { problem, sendProblem } from './errors.js';
import { isOpsRequest } from './ops-paths.js';
import type { Principal, RateLimitStore } from './ports.js';

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

export interface RateLimitPolicy {
  max: number;
  windowSeconds: number;
}

export interface RateLimitDecision {
  limited: boolean;
  remaining: number;
  resetSeconds: number;
  /** The draft-ietf-httpapi-ratelimit-headers fields: HTTP headers, gRPC metadata. */
  fields: Record<string, string>;
}

export const rateLimitPolicy = (config: Pick<Config, 'RATE_LIMIT_MAX' | 'RATE_LIMIT_WINDOW_SECONDS'>): RateLimitPolicy => ({
  max: config.RATE_LIMIT_MAX,
  windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
});

/** The draft's RateLimit-Policy value of a policy. */
const policyField = (policy: RateLimitPolicy): string => `"${POLICY}";q=${policy.max};w=${policy.windowSeconds}`;

/**
 * Counts one hit for the key. Undefined when the store failed: callers fail open, because a store outage
 * (e.g. Redis down) must not take the API down with it; /readyz reports the dependency.
 */
export async function takeRateLimit(store: RateLimitStore, key: string, policy: RateLimitPolicy, log: FastifyBaseLogger): Promise<RateLimitDecision | undefined> {
  let hit: { count: number; resetMs: number };
  try {
    hit = await store.hit(key, policy.windowSeconds * 1000);
  } catch (error) {
    log.warn({ err: error }, 'rate limit store unavailable; request not limited');
    return undefined;
  }
  const remaining = Math.max(0, policy.max - hit.count);
  const resetSeconds = Math.max(1, Math.ceil(hit.resetMs / 1000));
  const limited = hit.count > policy.max;
  const fields: Record<string, string> = { 'ratelimit-policy': policyField(policy), ratelimit: `"${POLICY}";r=${remaining};t=${resetSeconds}` };
  if (limited) fields['retry-after'] = String(resetSeconds);
  return { limited, remaining, resetSeconds, fields };
}

/** Rate-limit key of a caller: its principal when authenticated, else its address. */
export const rateLimitKey = (principal: Principal | undefined, ip: string): string => (principal ? `sub:${principal.subject}` : `ip:${ip}`);

export const rateLimitMessage = (policy: RateLimitPolicy): string => `Rate limit of ${policy.max} requests per ${policy.windowSeconds}s exceeded`;

export function registerRateLimit(app: FastifyInstance, policy: RateLimitPolicy, store: () => RateLimitStore): void {
  app.addHook('onRequest', async (request, reply) => {
    if (isOpsRequest(request)) return;
    const decision = await takeRateLimit(store(), rateLimitKey(request.principal, request.ip), policy, request.log);
    if (!decision) return;
    reply.headers(decision.fields);
    if (decision.limited) return sendProblem(request, reply, problem(429, rateLimitMessage(policy)));
  });
}
