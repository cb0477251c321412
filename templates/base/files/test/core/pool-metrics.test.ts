import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { type PoolStats, registerPoolMetrics } from '../../src/core/pool-metrics.js';
import { hasPromtool, promtoolFindings } from '../support/promtool.js';

describe('registerPoolMetrics', () => {
  const registry = new Registry();
  const postgres: PoolStats = { idle: 3, used: 2, pending: 1, max: 10 };
  registerPoolMetrics(registry, 'postgres', () => postgres);
  registerPoolMetrics(registry, 'sqlite', () => ({ idle: 1, used: 0, pending: 0, max: 1 }));

  it('reads every pool on scrape, one series per pool and state', async () => {
    postgres.used = 4;
    const text = await registry.metrics();
    expect(text).toContain('db_client_connections_usage{pool="postgres",state="idle"} 3');
    expect(text).toContain('db_client_connections_usage{pool="postgres",state="used"} 4');
    expect(text).toContain('db_client_connections_usage{pool="sqlite",state="idle"} 1');
    expect(text).toContain('db_client_connections_max{pool="postgres"} 10');
    expect(text).toContain('db_client_connections_pending_requests{pool="postgres"} 1');
    expect(text).toContain('db_client_connections_pending_requests{pool="sqlite"} 0');
  });

  it('refuses a pool name that is already registered', () => {
    expect(() => registerPoolMetrics(registry, 'postgres', () => postgres)).toThrow('pool metrics of "postgres" are already registered');
  });

  it.skipIf(!hasPromtool)('passes promtool check metrics without a finding', async () => {
    expect(promtoolFindings(await registry.metrics())).toBe('');
  });
});
