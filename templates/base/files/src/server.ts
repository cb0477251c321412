// Process entry point: config, app, listen, graceful shutdown.
import { buildApp, type BuiltApp } from './app.js';
import { ConfigError } from './core/config.js';
import { installSignalHandlers, shutdown } from './core/shutdown.js';

async function main(): Promise<void> {
  let built: BuiltApp;
  try {
    built = await buildApp(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`Invalid configuration: ${error.message}\n`);
    process.exit(1);
  }
  const { app, health, ctx, redactedConfig } = built;
  const target = { app, health, timeoutMs: ctx.config.SHUTDOWN_TIMEOUT_MS };
  installSignalHandlers(target);
  try {
    // Runs the onReady hooks first (other listeners such as gRPC): a process serving only some of its APIs must not start.
    await app.listen({ port: ctx.config.PORT, host: ctx.config.HOST });
  } catch (err) {
    app.log.fatal({ err }, 'failed to start');
    await shutdown({ ...target, exit: () => process.exit(1) }, 'startup failure');
    return;
  }
  app.log.info({ config: redactedConfig }, 'started');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
