// Builds the app for tests: quiet logs, no external services.
import { buildApp, type BuildAppOptions, type BuiltApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/core/config.js';
import type { AppModule } from '../../src/core/context.js';
import { buildOpsServer, type ServerOptions } from '../../src/core/ops-server.js';
import { authTestEnv } from './auth.js';

/** Only the given env (plus what the auth module needs in tests): never the developer's .env or shell. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...authTestEnv, ...env });
}

export async function testApp(env: Record<string, string> = {}, options: BuildAppOptions = {}): Promise<BuiltApp> {
  const built = await buildApp(testConfig(env), options);
  await built.app.ready();
  return built;
}

/** The core runtime (probes, metrics, close hooks) with only the given infra modules: tests one module alone. */
export async function testModules(modules: AppModule[], env: Record<string, string> = {}, options: ServerOptions = {}): Promise<BuiltApp> {
  const built = buildOpsServer(testConfig(env), options);
  for (const module of modules) await module.register(built.app, built.ctx);
  await built.app.ready();
  return built;
}
