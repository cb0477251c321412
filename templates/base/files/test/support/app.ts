// Builds the app for tests: quiet logs, no external services.
import { buildApp, type BuildAppOptions, type BuiltApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/core/config.js';

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env });
}

export async function testApp(env: Record<string, string> = {}, options: BuildAppOptions = {}): Promise<BuiltApp> {
  const built = await buildApp(testConfig(env), options);
  await built.app.ready();
  return built;
}
