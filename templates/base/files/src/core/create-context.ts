// Builds the AppContext every module receives, with the core default ports.
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { Config, Env } from './config.js';
import type { AppContext } from './context.js';
import { LocalBroadcast } from './broadcast.js';
import { anonymousAuthenticator, noopCache } from './default-ports.js';
import { createEventBus } from './event-bus.js';
import { HealthRegistry } from './health.js';
import { createMetricsRegistry } from './metrics.js';
import { MemoryRateLimitStore } from './rate-limit.js';
import { createResourceFeeds } from './resources/resource-feed.js';

/** The context plus what only the process owner (server, worker, tests) needs: the health registry that shutdown fails. */
export interface Runtime {
  ctx: AppContext;
  health: HealthRegistry;
}

export function createRuntime(app: FastifyInstance, config: Config, env: Env, metrics: Registry = createMetricsRegistry()): Runtime {
  const health = new HealthRegistry();
  const rateLimitStore = new MemoryRateLimitStore();
  app.addHook('onClose', async () => {
    rateLimitStore.close();
  });
  const ctx: AppContext = {
    config,
    env,
    logger: app.log,
    metrics,
    events: createEventBus(app.log),
    ports: { cache: noopCache, authenticator: anonymousAuthenticator, rateLimitStore, broadcast: new LocalBroadcast() },
    connections: {},
    health: { register: (check) => health.register(check), readiness: () => health.readiness() },
  };
  const feeds = createResourceFeeds(ctx);
  app.decorate('resourceFeeds', feeds);
  app.addHook('onClose', async () => {
    await feeds.close();
  });
  return { ctx, health };
}
