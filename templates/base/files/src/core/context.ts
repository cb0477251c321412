// What every module receives. Modules fill ports and register health checks and close hooks.
import type { FastifyInstance, FastifyBaseLogger } from 'fastify';
import type { Registry } from 'prom-client';
import type { Repositories } from '../features/index.js';
import type { Config, Env, EnvSpec } from './config.js';
import type { EventBus } from './events.js';
import type { HealthReport } from './health.js';
import type { Authenticator, Broadcast, Cache, HealthCheck, JobQueue, RateLimitStore } from './ports.js';

export interface Ports {
  repositories?: Repositories; // filled by a db module; required by the time the features register
  cache: Cache; // default: no-op cache
  authenticator: Authenticator; // default: anonymous, nothing required
  rateLimitStore: RateLimitStore; // default: in memory
  broadcast: Broadcast; // default: this process only
  queue?: JobQueue;
}

/** Shared connections; connection modules augment this interface (declaration merging). */
// biome-ignore lint/suspicious/noEmptyInterface: empty until connection modules merge their members in
export interface Connections {}

export interface AppContext {
  /** The core's variables; a module reads its own from `env` with loadConfigFrom(its envSpec, ctx.env). */
  config: Config;
  env: Env;
  logger: FastifyBaseLogger;
  metrics: Registry;
  events: EventBus; // in-process domain events, e.g. "note.created"
  ports: Ports;
  connections: Connections;
  health: {
    register(check: HealthCheck): void;
    /** What /readyz reports, for listeners with their own health protocol (gRPC health). */
    readiness(): Promise<HealthReport>;
  };
  /** Listeners started right after the HTTP server listens; a failure stops the process. */
  onStart(start: () => Promise<void> | void): void;
  /** Resources closed on shutdown, in reverse order of registration. */
  onClose(close: () => Promise<void> | void): void;
}

export interface AppModule {
  name: string;
  /** infra modules register first (connections, adapters), api modules after the services exist. */
  kind: 'infra' | 'api';
  /** The variables the module reads (its env.ts): checked with the core's before anything registers. */
  env?: EnvSpec;
  register(app: FastifyInstance, ctx: AppContext): Promise<void> | void;
}

export const defineModule = (module: AppModule): AppModule => module;

/** The variables the given modules read, to check together with the core's before anything starts. */
export const envSpecsOf = (modules: readonly AppModule[]): EnvSpec[] => modules.flatMap((m) => (m.env ? [m.env] : []));
