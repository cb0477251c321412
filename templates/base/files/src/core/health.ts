// Liveness (process only) and readiness (every registered dependency check, concurrently, each with a timeout).
import { context } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import type { FastifyInstance } from 'fastify';
import type { HealthCheck } from './ports.js';

export const HEALTH_CONTENT_TYPE = 'application/health+json';
const DEFAULT_TIMEOUT_MS = 2000;

export interface CheckResult {
  status: 'pass' | 'fail';
  durationMs: number;
  output?: string;
}
export interface HealthReport {
  status: 'pass' | 'fail';
  output?: string;
  checks: Record<string, CheckResult>;
}

async function runCheck(check: HealthCheck): Promise<CheckResult> {
  const timeoutMs = check.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`timed out after ${timeoutMs}ms`)); // settle first: a check that resolves on abort must not pass
      controller.abort();
    }, timeoutMs);
  });
  try {
    // Probes are not traced (ops-paths.ts): nor are the driver calls of their checks, which would each start a trace.
    const checked = context.with(suppressTracing(context.active()), () => check.check(controller.signal));
    await Promise.race([checked, timeout]);
    return { status: 'pass', durationMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: 'fail', durationMs: Math.round(performance.now() - started), output: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

export class HealthRegistry {
  readonly #checks = new Map<string, HealthCheck>();
  #shuttingDown = false;

  register(check: HealthCheck): void {
    if (this.#checks.has(check.name)) throw new Error(`health check "${check.name}" is already registered`);
    this.#checks.set(check.name, check);
  }

  /** From now on readiness fails, so load balancers stop routing here. */
  beginShutdown(): void {
    this.#shuttingDown = true;
  }

  get shuttingDown(): boolean {
    return this.#shuttingDown;
  }

  async readiness(): Promise<HealthReport> {
    if (this.#shuttingDown) return { status: 'fail', output: 'shutting down', checks: {} };
    const entries = await Promise.all([...this.#checks.values()].map(async (c) => [c.name, await runCheck(c)] as const));
    const checks = Object.fromEntries(entries);
    return { status: entries.every(([, r]) => r.status === 'pass') ? 'pass' : 'fail', checks };
  }
}

export function registerHealthRoutes(app: FastifyInstance, health: HealthRegistry): void {
  app.get('/livez', async (_request, reply) => {
    reply.type(HEALTH_CONTENT_TYPE).header('cache-control', 'no-store');
    return { status: 'pass' };
  });
  app.get('/readyz', async (_request, reply) => {
    const report = await health.readiness();
    reply
      .code(report.status === 'pass' ? 200 : 503)
      .type(HEALTH_CONTENT_TYPE)
      .header('cache-control', 'no-store');
    return report;
  });
}
