// Connection pool gauges of every store, named after OpenTelemetry's database client metrics
// (db.client.connections.*, the names that pass `promtool check metrics`: the newer
// db.client.connection.count would end in _count, which Prometheus reserves for histograms):
// one series per store in the `pool` label, read on scrape.
import { Gauge, type Registry } from 'prom-client';

export interface PoolStats {
  idle: number;
  used: number;
  /** Requests waiting for a free connection. */
  pending: number;
  max: number;
}

// One set of gauges per registry, which every store's pool joins (a gauge name registers once).
const poolsOf = new WeakMap<Registry, Map<string, () => PoolStats>>();

/** Adds `pool` (e.g. "postgres", "mysql") to the registry's db_client_connections_* gauges. */
export function registerPoolMetrics(registry: Registry, pool: string, read: () => PoolStats): void {
  const pools = poolsOf.get(registry) ?? createGauges(registry);
  if (pools.has(pool)) throw new Error(`pool metrics of "${pool}" are already registered`);
  pools.set(pool, read);
}

function createGauges(registry: Registry): Map<string, () => PoolStats> {
  const pools = new Map<string, () => PoolStats>();
  poolsOf.set(registry, pools);
  const each = (set: (pool: string, stats: PoolStats) => void) => {
    for (const [pool, read] of pools) set(pool, read());
  };
  new Gauge({
    name: 'db_client_connections_usage',
    help: 'Open connections of each store pool, by state (idle or used)',
    labelNames: ['pool', 'state'] as const,
    registers: [registry],
    collect() {
      each((pool, stats) => {
        this.set({ pool, state: 'idle' }, stats.idle);
        this.set({ pool, state: 'used' }, stats.used);
      });
    },
  });
  new Gauge({
    name: 'db_client_connections_max',
    help: 'Most connections each store pool opens',
    labelNames: ['pool'] as const,
    registers: [registry],
    collect() {
      each((pool, stats) => this.set({ pool }, stats.max));
    },
  });
  new Gauge({
    name: 'db_client_connections_pending_requests',
    help: 'Requests waiting for a free connection of each store pool',
    labelNames: ['pool'] as const,
    registers: [registry],
    collect() {
      each((pool, stats) => this.set({ pool }, stats.pending));
    },
  });
  return pools;
}
