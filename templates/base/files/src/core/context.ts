// What every module receives (its plugin options): the core's services. Ports are decorators (ports.ts).
import type { FastifyBaseLogger, FastifyPluginAsync, FastifyPluginCallback } from 'fastify';
import type { Registry } from 'prom-client';
import type { Config, Env, EnvSpec } from './config.js';
import type { EventBus } from './events.js';
import type { HealthReport } from './health.js';
import type { HealthCheck } from './ports.js';

export interface AppContext {
  /** The core's variables; a module reads its own from `env` with loadConfigFrom(its envSpec, ctx.env). */
  config: Config;
  env: Env;
  logger: FastifyBaseLogger;
  metrics: Registry;
  events: EventBus; // in-process domain events, e.g. "note.created"
  health: {
    register(check: HealthCheck): void;
    /** What /readyz reports, for listeners with their own health protocol (gRPC health). */
    readiness(): Promise<HealthReport>;
  };
}

/** The options app.ts registers every module's plugin with. */
export interface ModuleOptions {
  ctx: AppContext;
}

/**
 * A module: a Fastify plugin made with fastify-plugin (its `name`, and the `dependencies` that must be
 * registered before it: src/modules.ts lists them in that order) and the variables it reads.
 * Resources it opens close in an `onClose` hook, listeners it serves start in an `onReady` hook.
 */
export interface AppModule {
  /** `fp<ModuleOptions>(async (app, { ctx }) => ...)`: fastify-plugin types the result as a callback plugin. */
  plugin: FastifyPluginAsync<ModuleOptions> | FastifyPluginCallback<ModuleOptions>;
  /** The variables the module reads (its env.ts): checked with the core's before anything registers. */
  env?: EnvSpec;
}

/** The variables the given modules read, to check together with the core's before anything starts. */
export const envSpecsOf = (modules: readonly AppModule[]): EnvSpec[] => modules.flatMap((m) => (m.env ? [m.env] : []));
