// Builds the AppContext every module receives.
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { Config, Env } from './config.js';
import type { AppContext } from './context.js';
import { createEventBus } from './event-bus.js';
import { HealthRegistry } from './health.js';
import { createMetricsRegistry } from './metrics.js';

/** The context plus what only the process owner (server, worker, tests) needs: the health registry that shutdown fails. */
export interface Runtime {
  ctx: AppContext;
  health: HealthRegistry;
}

export function createRuntime(app: FastifyInstance, config: Config, env: Env, metrics: Registry = createMetricsRegistry()): Runtime {
  const health = new HealthRegistry();
  const ctx: AppContext = {
    config,
    env,
    logger: app.log,
    metrics,
    events: createEventBus(app.log),
    health: { register: (check) => health.register(check), readiness: () => health.readiness() },
  };
  return { ctx, health };
}
