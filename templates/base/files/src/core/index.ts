// The core's public surface for modules, features and other processes (workers).
export { defineModule, envSpecsOf, type AppContext, type AppModule, type Connections, type Ports } from './context.js';
export type * from './ports.js';
export type { DomainEvents, EventBus, EventName, Listener } from './events.js';
export { ConfigError, loadAppConfig, loadConfig, loadConfigFrom, redactConfig, type Config, type Env, type EnvSpec, type EnvVarSpec } from './config.js';
export { HttpProblem, problem, sendProblem, PROBLEM_CONTENT_TYPE, type ProblemDetails } from './errors.js';
export { authenticationRequired, bearerChallenge, invalidToken, requirePrincipal } from './auth.js';
export { cacheRequestsCounter, createMetricsRegistry, httpDurationHistogram } from './metrics.js';
export { HealthRegistry, type HealthReport } from './health.js';
export { MemoryRateLimitStore } from './rate-limit.js';
export { createEventBus } from './event-bus.js';
export { createRuntime, type Runtime } from './create-context.js';
export { buildOpsServer, createFastify, registerOpsCore, type ServerOptions } from './ops-server.js';
export { installSignalHandlers, shutdown, CloseHooks, type ShutdownTarget } from './shutdown.js';
export { StartHooks } from './start.js';
export { loggerOptions, traceMixin } from './logger.js';
