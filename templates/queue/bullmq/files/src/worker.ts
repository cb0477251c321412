// Worker process entry (`npm run worker`): runs queued jobs and serves /livez, /readyz and /metrics on WORKER_PORT.
import { ConfigError, loadAppConfig, type Config } from './core/config.js';
import { buildOpsServer } from './core/ops-server.js';
import { installSignalHandlers } from './core/shutdown.js';
import { envSpec as redisEnvSpec } from './modules/connection-redis/env.js';
import { envSpec } from './modules/queue-bullmq/env.js';
import { loadWorkerConfig, startWorker } from './modules/queue-bullmq/worker.js';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let loaded: { config: Config; redacted: Record<string, unknown> };
  try {
    loaded = loadAppConfig([redisEnvSpec, envSpec]);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    fail(`Invalid configuration: ${error.message}`);
  }
  const { config, redacted } = loaded;
  const workerConfig = loadWorkerConfig(process.env);
  if (!workerConfig.REDIS_URL) {
    fail('worker: REDIS_URL is not set. Without Redis, jobs run in-process in the API server (npm start); no worker is needed.');
  }
  const { app, ctx, health } = buildOpsServer(config, process.env);
  const worker = await startWorker({ config: workerConfig, logger: app.log, metrics: ctx.metrics });
  for (const check of worker.checks) ctx.health.register(check);
  // On shutdown: readiness fails, the ops server stops, then active jobs finish before the connection closes.
  app.addHook('onClose', async () => {
    await worker.close();
  });
  installSignalHandlers({ app, health, timeoutMs: config.SHUTDOWN_TIMEOUT_MS });
  await app.listen({ port: workerConfig.WORKER_PORT, host: config.HOST });
  app.log.info({ port: workerConfig.WORKER_PORT, config: redacted }, 'worker ops server listening');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
