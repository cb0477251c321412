// Builds the app for tests: quiet logs, no external services.
import { afterEach, inject } from 'vitest';
import { buildApp, type BuildAppOptions, type BuiltApp } from '../../src/app.js';
import { loadAppConfig, type Env } from '../../src/core/config.js';
import { envSpecsOf, type AppModule } from '../../src/core/context.js';
import defaultPorts from '../../src/core/default-ports.js';
import { buildOpsServer, type ServerOptions } from '../../src/core/ops-server.js';
import { authTestEnv } from './auth.js';
import { databaseTestEnv } from './database.js';
import type {} from './provided.js';

/** Only the given env (plus what the auth, db and other modules need in tests): never the developer's .env or shell. */
export function testEnv(env: Record<string, string> = {}): Env {
  return { NODE_ENV: 'test', LOG_LEVEL: 'silent', ...authTestEnv, ...databaseTestEnv, ...inject('moduleTestEnv'), ...env };
}

export async function testApp(env: Record<string, string> = {}, options: BuildAppOptions = {}): Promise<BuiltApp> {
  const built = await buildApp(testEnv(env), options);
  await built.app.ready();
  return built;
}

/**
 * The core runtime (probes, metrics, shutdown) with only the given adapters, then the core's default
 * for every port they did not decorate: tests one module alone.
 */
export async function testModules(modules: AppModule[], env: Record<string, string> = {}, options: ServerOptions = {}): Promise<BuiltApp> {
  const source = testEnv(env);
  const { config, redacted } = loadAppConfig(envSpecsOf(modules), source);
  const built = { ...buildOpsServer(config, source, options), redactedConfig: redacted };
  for (const module of [...modules, defaultPorts]) await built.app.register(module.plugin, { ctx: built.ctx });
  await built.app.ready();
  return built;
}

/**
 * For a test file: builds the core runtime alone (no db, cache or API module, whatever the project's
 * stack), each closed after the test that built it.
 */
export function coreRuntimes(): (env?: Record<string, string>, options?: ServerOptions) => Promise<BuiltApp> {
  const opened: BuiltApp[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((built) => built.app.close()));
  });
  return async (env = {}, options = {}) => {
    const built = await testModules([], env, options);
    opened.push(built);
    return built;
  };
}
