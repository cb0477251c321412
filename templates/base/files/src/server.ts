// Process entry point: config, app, listen, graceful shutdown.
import { buildApp } from './app.js';
import { ConfigError, loadConfig, redactConfig } from './core/config.js';
import { installSignalHandlers } from './core/shutdown.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`Invalid configuration: ${error.message}\n`);
    process.exit(1);
  }
  const { app, health } = await buildApp(config);
  installSignalHandlers({ app, health, timeoutMs: config.SHUTDOWN_TIMEOUT_MS });
  await app.listen({ port: config.PORT, host: config.HOST });
  app.log.info({ config: redactConfig(config) }, 'started');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
