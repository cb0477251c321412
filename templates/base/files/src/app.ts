// Composition root: the core plugins, then every module in the order of src/modules.ts (adapters, the
// core's default ports, the resource services of src/features, then the APIs).
import type { FastifyInstance } from 'fastify';
import { loadAppConfig, type Env } from './core/config.js';
import { envSpecsOf, type AppContext, type AppModule } from './core/context.js';
import type { Runtime } from './core/create-context.js';
import { createRuntime } from './core/create-context.js';
import { registerHttpCore } from './core/http-core.js';
import { createFastify, createMetricsServer, registerOpsCore, type ServerOptions } from './core/ops-server.js';
import { modules as defaultModules } from './modules.js';

export interface BuildAppOptions extends ServerOptions {
  /** Defaults to the generated module list. */
  modules?: AppModule[];
}

export interface BuiltApp extends Runtime {
  app: FastifyInstance;
  ctx: AppContext;
  /** Every variable the app read, secrets masked: for the start-up log line. */
  redactedConfig: Record<string, unknown>;
  /** With METRICS_PORT: the server of /metrics, listening once the app is ready. */
  metricsServer?: FastifyInstance;
}

/** Throws ConfigError, naming every bad variable of the core and the modules, before anything starts. */
export async function buildApp(env: Env, options: BuildAppOptions = {}): Promise<BuiltApp> {
  const modules = options.modules ?? defaultModules;
  const { config, redacted } = loadAppConfig(envSpecsOf(modules), env);
  const app = createFastify(config, options);
  const runtime = createRuntime(config, env, app.log);
  const { ctx } = runtime;
  app.log.debug({ config: redacted }, 'configuration');

  const metricsElsewhere = config.METRICS_PORT !== undefined;
  registerOpsCore(app, runtime, { metricsRoute: !metricsElsewhere });
  const metricsServer = metricsElsewhere ? createMetricsServer(app, runtime) : undefined;
  await registerHttpCore(app, ctx);

  // fastify-plugin checks each module's dependencies are registered before it; it does not reorder them.
  for (const module of modules) await app.register(module.plugin, { ctx });
  return { app, ...runtime, redactedConfig: redacted, ...(metricsServer ? { metricsServer } : {}) };
}
