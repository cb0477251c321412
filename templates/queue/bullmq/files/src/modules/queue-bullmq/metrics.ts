import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export type JobResult = 'completed' | 'retrying' | 'failed';
export type JobCounts = Record<string, number>;

export interface QueueMetrics {
  observe(result: JobResult, durationMs: number): void;
}

/** Counters per processed job; `queue_jobs` gauge read from getCounts on every scrape. */
export function registerQueueMetrics(registry: Registry, queue: string, getCounts: () => Promise<JobCounts>): QueueMetrics {
  new Gauge({
    name: 'queue_jobs',
    help: 'Jobs in the queue by state',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      for (const [state, count] of Object.entries(await getCounts())) this.set({ queue, state }, count);
    },
  });
  const processed = new Counter({
    name: 'queue_jobs_processed_total',
    help: 'Job attempts finished, by result (retrying = failed attempt that will be retried)',
    labelNames: ['queue', 'result'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'queue_job_duration_seconds',
    help: 'Duration of one job attempt',
    labelNames: ['queue', 'result'] as const,
    buckets: [0.005, 0.025, 0.1, 0.5, 1, 5, 30],
    registers: [registry],
  });
  return {
    observe(result, durationMs) {
      processed.inc({ queue, result });
      duration.observe({ queue, result }, durationMs / 1000);
    },
  };
}
