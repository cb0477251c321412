// Builds the AppContext every module receives, with the core default ports.
import type { FastifyBaseLogger } from 'fastify';
import type { Registry } from 'prom-client';
import type { Config, Env } from './config.js';
import type { AppContext } from './context.js';
import { LocalBroadcast } from './broadcast.js';
import { anonymousAuthenticator, noopCache } from './default-ports.js';
import { createEventBus } from './event-bus.js';
import { HealthRegistry } from './health.js';
import { createMetricsRegistry } from './metrics.js';
import { MemoryRateLimitStore } from './rate-limit.js';
import { CloseHooks } from './shutdown.js';
import { StartHooks } from './start.js';

/** The context plus the lifecycle handles only the process owner (server, worker, tests) needs. */
export interface Runtime {
  ctx: AppContext;
  health: HealthRegistry;
  closeHooks: CloseHooks;
  startHooks: StartHooks;
}

export function createRuntime(config: Config, env: Env, logger: FastifyBaseLogger, metrics: Registry = createMetricsRegistry()): Runtime {
  const health = new HealthRegistry();
  const closeHooks = new CloseHooks();
  const startHooks = new StartHooks();
  const rateLimitStore = new MemoryRateLimitStore();
  closeHooks.add(() => rateLimitStore.close());
  const ctx: AppContext = {
    config,
    env,
    logger,
    metrics,
    events: createEventBus(logger),
    ports: { cache: noopCache, authenticator: anonymousAuthenticator, rateLimitStore, broadcast: new LocalBroadcast() },
    connections: {},
    health: { register: (check) => health.register(check), readiness: () => health.readiness() },
    onStart: (start) => startHooks.add(start),
    onClose: (close) => closeHooks.add(close),
  };
  return { ctx, health, closeHooks, startHooks };
}
