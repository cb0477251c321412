// grpc.health.v1.Health answering what /readyz answers: refreshed on an interval, NOT_SERVING at once on shutdown.
import type { FastifyBaseLogger } from 'fastify';
import { HealthImplementation, type ServingStatus } from 'grpc-health-check';
import type { HealthReport } from '../../core/health.js';

export class ReadinessHealth {
  readonly implementation: HealthImplementation;
  readonly #services: string[];
  #status: ServingStatus = 'NOT_SERVING';
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  /** `services`: the names clients may ask about besides "" (the whole server). */
  constructor(
    private readonly readiness: () => Promise<HealthReport>,
    services: string[],
    private readonly log: FastifyBaseLogger,
  ) {
    this.#services = ['', ...services];
    this.implementation = new HealthImplementation(Object.fromEntries(this.#services.map((s) => [s, this.#status])));
  }

  get status(): ServingStatus {
    return this.#status;
  }

  async refresh(): Promise<void> {
    const report = await this.readiness();
    if (this.#stopped) return; // shutdown began while the checks ran
    this.#set(report.status === 'pass' ? 'SERVING' : 'NOT_SERVING', report);
  }

  /** First answer before the server accepts calls, then one refresh per interval. */
  async start(intervalMs: number): Promise<void> {
    await this.refresh();
    this.#timer = setInterval(() => {
      this.refresh().catch((err: unknown) => this.log.error({ err }, 'grpc health refresh failed'));
    }, intervalMs);
    this.#timer.unref();
  }

  shutdown(): void {
    this.#stopped = true;
    clearInterval(this.#timer);
    this.#set('NOT_SERVING');
  }

  #set(status: ServingStatus, report?: HealthReport): void {
    if (status === this.#status) return;
    this.#status = status;
    for (const service of this.#services) this.implementation.setStatus(service, status);
    this.log.info({ status, ...(report ? { checks: report.checks } : {}) }, 'grpc health status changed');
  }
}
