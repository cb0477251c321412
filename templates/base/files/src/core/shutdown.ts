// Graceful shutdown (app.close() runs every onClose hook, last added first) and the SIGTERM/SIGINT handler.
import type { FastifyInstance } from 'fastify';
import type { HealthRegistry } from './health.js';

const finalizers: Array<() => Promise<void>> = [];

/** Process-level work that must finish right before exit (e.g. flushing telemetry). */
export function beforeProcessExit(finalize: () => Promise<void>): void {
  finalizers.push(finalize);
}

async function runFinalizers(): Promise<void> {
  await Promise.allSettled(finalizers.map((f) => f()));
}

export interface ShutdownTarget {
  app: FastifyInstance;
  health: HealthRegistry;
  timeoutMs: number;
  exit?: (code: number) => void;
}

/** Fail readiness at once, stop accepting, drain in-flight requests, close resources (app onClose), exit 0. */
export async function shutdown({ app, health, timeoutMs, exit = (code) => process.exit(code) }: ShutdownTarget, signal: string): Promise<void> {
  app.log.info({ signal }, 'shutting down');
  health.beginShutdown();
  const timer = setTimeout(() => {
    app.log.error({ timeoutMs }, 'graceful shutdown timed out, forcing exit');
    exit(1);
  }, timeoutMs);
  timer.unref();
  try {
    await app.close();
    app.log.info('shutdown complete');
    await runFinalizers();
    exit(0);
  } catch (err) {
    app.log.error({ err }, 'shutdown failed');
    exit(1);
  } finally {
    clearTimeout(timer);
  }
}

export function installSignalHandlers(target: ShutdownTarget): void {
  let started = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (started) return;
      started = true;
      void shutdown(target, signal);
    });
  }
}
