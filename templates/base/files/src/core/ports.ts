// Ports: the small interfaces the app talks to, each a decorator of the app. A module decorates the one
// it provides; default-ports.ts decorates the core's default for every one no module did, so they are all
// there from default-ports on (src/modules.ts): an adapter above it reads only the ports of the modules
// it depends on.
import type { Repositories } from '../features/index.js';

export type { Crud } from './resources/records.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** One Crud per resource (src/features/index.ts), decorated by the db module. */
    repositories: Repositories;
    /** Default: no cache. */
    cache: Cache;
    /** Default: anonymous, nothing required. */
    authenticator: Authenticator;
    /** Default: counters in this process. */
    rateLimitStore: RateLimitStore;
    /** Default: this process only. */
    broadcast: Broadcast;
    /** Decorated by a queue module; absent without one (typed here, where every stack has it, see docs/decisions.md). */
    queue?: JobQueue;
  }
}

/** What a resource's service reads from the app: its repository (and the others, for references) and the cache. */
export interface ServicePorts {
  repositories: Repositories;
  cache: Cache;
}

/** Decorated by a cache module; the core default is a no-op cache (cache/none). */
export interface Cache {
  readonly kind: string; // label for metrics/logs, e.g. "memory", "redis", "none"
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface Principal {
  subject: string;
  scopes: string[];
  claims: Record<string, unknown>;
}
/** Decorated by an auth module; the core default (auth/none) authenticates nobody and requires nothing. */
/**
 * What a client presented, whatever the API style: the Authorization header of an HTTP request or a
 * WebSocket upgrade, the `authorization` metadata of a gRPC call.
 */
export interface Credentials {
  authorization?: string;
}

export interface Authenticator {
  readonly required: boolean; // true: writes need a principal
  /** undefined when no credentials were presented; throws HttpProblem(401) when they are invalid. */
  authenticate(credentials: Credentials): Promise<Principal | undefined>;
}

/** Counts hits per key in a fixed window. Core default: in memory; Redis module: shared. */
export interface RateLimitStore {
  readonly kind: string;
  hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }>;
}

/**
 * Cluster-wide notifications: every instance's subscribers receive every message published on any
 * instance. Core default: this process only; connection-redis with REDIS_URL: Redis pub/sub.
 */
export interface Broadcast {
  readonly kind: string;
  /** Rejects when the message could not be handed to the transport (e.g. Redis down). */
  publish(channel: string, message: string): Promise<void>;
  /** Resolves once subscribed; the returned function unsubscribes. */
  subscribe(channel: string, listener: (message: string) => void): Promise<() => Promise<void>>;
}

/** Decorated by a queue module (`app.queue`). */
export interface JobQueue {
  readonly kind: string;
  enqueue(name: string, data: unknown, options: { jobId: string }): Promise<void>;
}

/** Every dependency registers one; /readyz runs them all with a timeout. */
export interface HealthCheck {
  name: string; // e.g. "postgres", "redis"
  timeoutMs?: number; // default 2000
  check(signal: AbortSignal): Promise<void>; // resolve = pass, reject = fail
}
