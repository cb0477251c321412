import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import dbPostgres from '../src/modules/db-postgres/index.js';
import { migratePostgres } from '../src/modules/db-postgres/migrate-postgres.js';
import { testModules } from './support/app.js';
import { createTestDatabase } from './support/postgres.js';
import { describeWithService } from './support/services.js';

// The module itself; each resource's repository has its own test (test/features/<resource>/).
describe('db-postgres without DATABASE_URL (embedded PGlite, in memory in tests)', () => {
  let built: BuiltApp;
  beforeAll(async () => {
    built = await testModules([dbPostgres]);
  });
  afterAll(() => built?.app.close());

  it('registers no health check (nothing external to depend on)', async () => {
    expect(await built.health.readiness()).toEqual({ status: 'pass', checks: {} });
  });
});

describeWithService('TEST_DATABASE_URL', 'db-postgres with DATABASE_URL (real PostgreSQL)', (adminUrl) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let built: BuiltApp;
  beforeAll(async () => {
    database = await createTestDatabase(adminUrl);
    await migratePostgres(database.url);
    await migratePostgres(database.url); // idempotent
    built = await testModules([dbPostgres], { DATABASE_URL: database.url });
  });
  afterAll(async () => {
    await built?.app.close();
    await database?.drop();
  });

  it('passes the postgres readiness check and exposes pool gauges', async () => {
    expect(await built.health.readiness()).toMatchObject({ status: 'pass', checks: { postgres: { status: 'pass' } } });
    const text = await built.ctx.metrics.metrics();
    expect(text).toMatch(/db_pool_connections\{state="idle"\} \d+/);
    expect(text).toContain('db_pool_waiting_requests 0');
  });
});
