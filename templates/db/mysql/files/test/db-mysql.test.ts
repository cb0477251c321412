import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import { loadConfigFrom } from '../src/core/config.js';
import { envSpec } from '../src/modules/db-mysql/env.js';
import dbMysql from '../src/modules/db-mysql/index.js';
import { registerMysqlPoolMetrics } from '../src/modules/db-mysql/metrics.js';
import { createPool } from '../src/modules/db-mysql/pool.js';
import { testModules } from './support/app.js';
import { captureLogs } from './support/log-capture.js';
import { migrateMysql } from '../src/modules/db-mysql/migrate-mysql.js';
import { adminQuery, createMigratedTestDatabase, createTestDatabase, type TestDatabase } from './support/mysql.js';
import { describeWithService } from './support/services.js';

// The module itself; each resource's repository has its own test (test/features/<resource>/).
describe('db-mysql without a server', () => {
  const logs = captureLogs();
  const opened: BuiltApp[] = [];
  const open = async (env: Record<string, string>) => {
    const built = await testModules([dbMysql], { LOG_LEVEL: 'warn', ...env }, { logStream: logs.stream });
    opened.push(built);
    return built;
  };
  afterAll(async () => {
    for (const built of opened) await built.app.close();
  });
  const warnings = (text: string) => logs.lines.filter((line) => line.level === 40 && line.msg === text);

  it('keeps records in memory when MYSQL_URL is not set, registers no health check, and says so at start', async () => {
    const built = await open({ MYSQL_URL: '' });
    expect(await built.health.readiness()).toEqual({ status: 'pass', checks: {} });
    expect(warnings('MYSQL_URL is not set: records are kept in memory and lost on restart')).toHaveLength(1);
  });

  it('refuses to start in production without MYSQL_URL, naming the variable', async () => {
    await expect(open({ MYSQL_URL: '', NODE_ENV: 'production' })).rejects.toThrow(/^MYSQL_URL is not set: production needs a MySQL database/);
  });

  it('keeps records in memory in production only when MYSQL_URL=memory:// asks for it', async () => {
    await open({ MYSQL_URL: 'memory://', NODE_ENV: 'production' });
    expect(warnings('MYSQL_URL is memory://: records are kept in memory and lost on restart')).toHaveLength(1);
  });

  it('refuses a URL of another database', async () => {
    await expect(open({ MYSQL_URL: 'postgres://postgres@127.0.0.1:5432/app' })).rejects.toThrow('MYSQL_URL must be a mysql:// URL (or memory://), not postgres://');
  });
});

describeWithService('TEST_MYSQL_URL', 'db-mysql readiness before and after npm run db:migrate (real server)', (adminUrl) => {
  let database: TestDatabase;
  let built: BuiltApp;
  beforeAll(async () => {
    database = await createTestDatabase(adminUrl);
    built = await testModules([dbMysql], { MYSQL_URL: database.url });
  });
  afterAll(async () => {
    await built?.app.close();
    await database?.drop();
  });
  const mysqlCheck = async () => (await built.health.readiness()).checks.mysql;

  it('fails until the database has every migration this build ships, naming the remedy', async () => {
    expect(await mysqlCheck()).toMatchObject({ status: 'fail', output: 'the database has no migrations applied: run npm run db:migrate' });
    await migrateMysql(database.url);
    expect(await mysqlCheck()).toMatchObject({ status: 'pass' });
    // A database restored from before the newest migration: its newest record is older than the journal's.
    await adminQuery(database.url, 'UPDATE __drizzle_migrations SET created_at = created_at - 1 ORDER BY created_at DESC LIMIT 1');
    expect(await mysqlCheck()).toMatchObject({ status: 'fail', output: "the database is behind this build's migrations: run npm run db:migrate" });
  });
});

describeWithService('TEST_MYSQL_URL', 'db-mysql with MYSQL_URL (real server)', (adminUrl) => {
  let database: TestDatabase;
  let built: BuiltApp;
  beforeAll(async () => {
    database = await createMigratedTestDatabase(adminUrl);
    built = await testModules([dbMysql], { MYSQL_URL: database.url });
  });
  afterAll(async () => {
    await built?.app.close();
    await database?.drop();
  });

  it('passes the mysql readiness check and exposes pool gauges', async () => {
    expect(await built.health.readiness()).toMatchObject({ status: 'pass', checks: { mysql: { status: 'pass' } } });
    const text = await built.ctx.metrics.metrics();
    expect(text).toMatch(/db_client_connections_usage\{pool="mysql",state="idle"\} [1-9]/);
    expect(text).toContain('db_client_connections_usage{pool="mysql",state="used"} 0');
    expect(text).toContain('db_client_connections_max{pool="mysql"} 10');
    expect(text).toContain('db_client_connections_pending_requests{pool="mysql"} 0');
  });

  it("fails readiness in the store's words, not the server's (which name users, hosts and databases)", async () => {
    const elsewhere = new URL(database.url);
    elsewhere.pathname = '/no_such_database_here';
    const other = await testModules([dbMysql], { MYSQL_URL: elsewhere.toString() });
    try {
      expect(await other.health.readiness()).toMatchObject({ status: 'fail', checks: { mysql: { status: 'fail', output: 'MySQL query failed (ER_BAD_DB_ERROR 1049)' } } });
    } finally {
      await other.app.close();
    }
  });

  it('counts a connection in use and a request waiting for one (read from mysql2 pool internals)', async () => {
    const pool = createPool(loadConfigFrom(envSpec, { MYSQL_URL: database.url, MYSQL_POOL_MAX: '1' }), database.url);
    const registry = new Registry();
    registerMysqlPoolMetrics(registry, pool, 1);
    const gauges = async () => (await registry.metrics()).split('\n').filter((line) => line.startsWith('db_client_connections_') && line.includes('"mysql"'));
    try {
      const held = await pool.getConnection();
      const waiting = pool.getConnection();
      expect(await gauges()).toEqual([
        'db_client_connections_usage{pool="mysql",state="idle"} 0',
        'db_client_connections_usage{pool="mysql",state="used"} 1',
        'db_client_connections_max{pool="mysql"} 1',
        'db_client_connections_pending_requests{pool="mysql"} 1',
      ]);
      held.release();
      (await waiting).release();
      expect(await gauges()).toContain('db_client_connections_usage{pool="mysql",state="idle"} 1');
      expect(await gauges()).toContain('db_client_connections_pending_requests{pool="mysql"} 0');
    } finally {
      await pool.end();
    }
  });
});
