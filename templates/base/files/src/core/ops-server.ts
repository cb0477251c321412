// Core wiring shared by the API server and ops-only servers (e.g. a worker's /livez /readyz /metrics).
import Fastify, { type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Config, Env } from './config.js';
import { createRuntime, type Runtime } from './create-context.js';
import { registerErrorHandlers } from './errors.js';
import { registerHealthRoutes } from './health.js';
import { fastifyLoggingOptions, registerRequestLogging } from './logger.js';
import { registerHttpMetrics, registerMetricsRoute } from './metrics.js';

export interface ServerOptions {
  /** Where logs go (default stdout); tests pass a capture stream. */
  logStream?: DestinationStream;
}

export function createFastify(config: Config, options: ServerOptions = {}): FastifyInstance {
  return Fastify({
    ...fastifyLoggingOptions(config, options.logStream),
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
  });
}

/** Error handlers, request log line, HTTP metrics, probes, /metrics, and close hooks on app.close(). */
export function registerOpsCore(app: FastifyInstance, runtime: Runtime): void {
  registerErrorHandlers(app);
  registerRequestLogging(app);
  registerHttpMetrics(app, runtime.ctx.metrics);
  registerHealthRoutes(app, runtime.health);
  registerMetricsRoute(app, runtime.ctx.metrics);
  // Keep-alive connections would otherwise hold app.close() open after their in-flight response.
  app.addHook('onSend', async (_request, reply) => {
    if (runtime.health.shuttingDown) reply.header('connection', 'close');
  });
  app.addHook('onClose', async () => runtime.closeHooks.closeAll(app.log));
}

/**
 * A small server answering only /livez, /readyz and /metrics, for processes without an API (workers).
 * Register infra modules on the returned app/ctx, then listen on the worker's port.
 */
export function buildOpsServer(config: Config, env: Env, options: ServerOptions = {}): { app: FastifyInstance } & Runtime {
  const app = createFastify(config, options);
  const runtime = createRuntime(config, env, app.log);
  registerOpsCore(app, runtime);
  return { app, ...runtime };
}
