// Builds the AppContext every module receives.
import type { FastifyBaseLogger } from 'fastify';
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

export function createRuntime(config: Config, env: Env, logger: FastifyBaseLogger, metrics: Registry = createMetricsRegistry()): Runtime {
  const health = new HealthRegistry();
  const ctx: AppContext = {
    config,
    env,
    logger,
    metrics,
    events: createEventBus(logger),
    health: { register: (check) => health.register(check), readiness: () => health.readiness() },
  };
  return { ctx, health };
}
