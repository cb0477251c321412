// Core wiring shared by the API server and ops-only servers (e.g. a worker's /livez /readyz /metrics).
import Fastify, { type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { clientErrorHandler, sendFrameworkError } from './client-errors.js';
import type { Config, Env } from './config.js';
import { createRuntime, type Runtime } from './create-context.js';
import { registerErrorHandlers } from './errors.js';
import { registerHealthRoutes } from './health.js';
import { fastifyLoggingOptions, registerRequestLogging, requestIdOptions } from './logger.js';
import { registerHttpMetrics, registerMetricsRoute } from './metrics.js';
import { serverLimits } from './server-limits.js';

export interface ServerOptions {
  /** Where logs go (default stdout); tests pass a capture stream. */
  logStream?: DestinationStream;
}

/** What every HTTP server of the process shares: its limits, and problem+json for what the parser and router refuse. */
function sharedServerOptions(config: Config) {
  return {
    ...serverLimits(config),
    clientErrorHandler: clientErrorHandler(config.MAX_HEADER_BYTES),
    frameworkErrors: sendFrameworkError,
    trustProxy: config.TRUST_PROXY,
  };
}

/**
 * How long one module may take to register, and the onReady hooks to run (Fastify's default is 10 s).
 * Registering includes opening and migrating embedded PGlite, and onReady a first readiness check before
 * gRPC listens: several seconds on a loaded machine. Past it, start fails with the plugin's name.
 */
const PLUGIN_TIMEOUT_MS = 60_000;

export function createFastify(config: Config, options: ServerOptions = {}): FastifyInstance {
  return Fastify({
    ...fastifyLoggingOptions(config, options.logStream),
    ...sharedServerOptions(config),
    bodyLimit: config.BODY_LIMIT_BYTES,
    pluginTimeout: PLUGIN_TIMEOUT_MS,
  });
}

/** Error handlers, request log line, HTTP metrics, probes and /metrics (unless served elsewhere). */
export function registerOpsCore(app: FastifyInstance, runtime: Runtime, options: { metricsRoute?: boolean } = {}): void {
  const { config, metrics } = runtime.ctx;
  registerErrorHandlers(app);
  registerRequestLogging(app);
  registerHttpMetrics(app, metrics);
  registerHealthRoutes(app, runtime.health);
  if (options.metricsRoute ?? true) registerMetricsRoute(app, metrics, config.METRICS_TOKEN);
  // Keep-alive connections would otherwise hold app.close() open after their in-flight response.
  app.addHook('onSend', async (_request, reply) => {
    if (runtime.health.shuttingDown) reply.header('connection', 'close');
  });
}

/**
 * With METRICS_PORT, /metrics is served there only (e.g. a port that is not published): a server that
 * listens when the app is ready (so app.listen() fails if it cannot) and closes with it.
 */
export function createMetricsServer(app: FastifyInstance, runtime: Runtime): FastifyInstance {
  const logger = app.log;
  const { config, metrics } = runtime.ctx;
  const server = Fastify({
    loggerInstance: logger.child({ listener: 'metrics' }),
    ...requestIdOptions(),
    ...sharedServerOptions(config),
  });
  registerErrorHandlers(server);
  registerMetricsRoute(server, metrics, config.METRICS_TOKEN);
  app.addHook('onReady', async () => {
    await server.listen({ port: config.METRICS_PORT, host: config.HOST });
    logger.info({ port: config.METRICS_PORT }, 'metrics listening');
  });
  app.addHook('onClose', async () => {
    await server.close();
  });
  return server;
}

/**
 * A small server answering only /livez, /readyz and /metrics, for processes without an API (workers).
 * Its port is already an ops port, so it serves /metrics whatever METRICS_PORT says; METRICS_TOKEN applies.
 * Register the modules it needs on the returned app (with its ctx), then listen on the worker's port.
 */
export function buildOpsServer(config: Config, env: Env, options: ServerOptions = {}): { app: FastifyInstance } & Runtime {
  const app = createFastify(config, options);
  const runtime = createRuntime(config, env, app.log);
  registerOpsCore(app, runtime);
  return { app, ...runtime };
}
