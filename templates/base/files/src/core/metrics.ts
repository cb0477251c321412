// Prometheus metrics: process defaults, HTTP latency by route template, cache hit/miss.
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { FastifyInstance } from 'fastify';
import { requireMetricsToken } from './metrics-token.js';

export const UNMATCHED_ROUTE = 'unmatched';

export function createMetricsRegistry(options: { defaultLabels?: Record<string, string> } = {}): Registry {
  const registry = new Registry();
  if (options.defaultLabels) registry.setDefaultLabels(options.defaultLabels);
  collectDefaultMetrics({ register: registry });
  // prom-client also exports the sums of nodejs_active_{handles,requests,resources} as gauges ending in
  // _total, which Prometheus reserves for counters (promtool flags them). sum() over the per-type gauges
  // gives the same number, so drop the misnamed ones and keep the exposition lint-clean.
  for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) {
    registry.removeSingleMetric(name);
  }
  return registry;
}

/** Get-or-create, so several modules (or several apps in one test process) can share a registry safely. */
function singleton<T>(registry: Registry, name: string, create: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create();
}

export function httpDurationHistogram(registry: Registry): Histogram<'method' | 'route' | 'status_code'> {
  return singleton(
    registry,
    'http_request_duration_seconds',
    () =>
      new Histogram({
        name: 'http_request_duration_seconds',
        help: 'HTTP request duration in seconds, by route template',
        labelNames: ['method', 'route', 'status_code'],
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        registers: [registry],
      }),
  );
}

export function cacheRequestsCounter(registry: Registry): Counter<'cache' | 'result'> {
  return singleton(
    registry,
    'cache_requests_total',
    () =>
      new Counter({
        name: 'cache_requests_total',
        help: 'Cache lookups by cache kind and result (hit or miss)',
        labelNames: ['cache', 'result'],
        registers: [registry],
      }),
  );
}

/** Observe every response; the route label is the template (/v1/notes/:id), never the raw URL. */
export function registerHttpMetrics(app: FastifyInstance, registry: Registry): void {
  const histogram = httpDurationHistogram(registry);
  app.addHook('onResponse', async (request, reply) => {
    histogram.observe(
      { method: request.method, route: request.routeOptions.url ?? UNMATCHED_ROUTE, status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
}

/** `token`: METRICS_TOKEN, required as a bearer token when set. */
export function registerMetricsRoute(app: FastifyInstance, registry: Registry, token?: string): void {
  app.get('/metrics', { onRequest: token === undefined ? [] : [requireMetricsToken(token)] }, async (_request, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });
}
