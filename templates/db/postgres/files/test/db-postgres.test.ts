import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import dbPostgres from '../src/modules/db-postgres/index.js';
import { migratePostgres } from '../src/modules/db-postgres/migrate-postgres.js';
import { openPglite } from '../src/modules/db-postgres/pglite.js';
import { takeInMemoryPglite } from '../src/modules/db-postgres/pglite-pool.js';
import { testModules } from './support/app.js';
import { adminQuery, createTestDatabase } from './support/postgres.js';
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

/** A PGLITE_IMAGE file in `dir`: a new database after `setup`, dumped. */
async function imageOf(dir: string, setup: string): Promise<string> {
  const source = await PGlite.create('memory://');
  try {
    await source.exec(setup);
    const path = join(dir, 'image.tar');
    await writeFile(path, Buffer.from(await (await source.dumpDataDir('none')).arrayBuffer()));
    return path;
  } finally {
    await source.close();
  }
}

describe('openPglite with an image (PGLITE_IMAGE)', () => {
  let dir: string;
  let imagePath: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pglite-test-'));
    // Not migrated: opening it must migrate it.
    imagePath = await imageOf(dir, `CREATE TABLE image_marker (note text); INSERT INTO image_marker VALUES ('from the image')`);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('starts a new in-memory database from the image, migrated', async () => {
    const { db, close } = await openPglite('memory://', imagePath);
    try {
      expect((await db.execute(sql`SELECT note FROM image_marker`)).rows).toEqual([{ note: 'from the image' }]);
      expect((await db.execute(sql`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS migrated`)).rows).toEqual([{ migrated: true }]);
    } finally {
      await close();
    }
  });

  it('leaves a data dir that already holds a database as it is', async () => {
    const dataDir = join(dir, 'existing');
    const first = await openPglite(dataDir, imagePath); // new: starts from the image
    await first.db.execute(sql`CREATE TABLE kept (id int)`);
    await first.close();
    const { db, close } = await openPglite(dataDir, imagePath);
    try {
      const tables = (await db.execute(sql`SELECT table_name FROM information_schema.tables WHERE table_name IN ('kept', 'image_marker') ORDER BY 1`)).rows;
      expect(tables).toEqual([{ table_name: 'image_marker' }, { table_name: 'kept' }]);
    } finally {
      await close();
    }
  });
});

describe('in-memory databases handed from app to app (pglite-pool.ts)', () => {
  let dir: string;
  let imagePath: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pglite-pool-test-'));
    // An image of its own, with a table of this test's, so the reuse is visible in its rows.
    imagePath = await imageOf(dir, 'CREATE TABLE pool_probe (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text)');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const insertProbe = async (db: Awaited<ReturnType<typeof takeInMemoryPglite>>['db']) =>
    (await db.execute(sql`INSERT INTO pool_probe (note) VALUES ('x') RETURNING id`)).rows[0];

  it('gives the next app the closed one\'s database as a new connection would see it', async () => {
    const first = await takeInMemoryPglite(imagePath);
    await insertProbe(first.db);
    await insertProbe(first.db);
    await first.db.execute(sql`SELECT set_config('application_name', 'left behind', false), pg_advisory_lock(42)`);
    await first.db.execute(sql`BEGIN`); // an app closed mid-transaction
    await first.db.execute(sql`INSERT INTO pool_probe (note) VALUES ('uncommitted')`);
    await first.close();

    const second = await takeInMemoryPglite(imagePath);
    try {
      expect(second.db.$client).toBe(first.db.$client);
      expect(second.db.$client.isInTransaction()).toBe(false);
      expect((await second.db.execute(sql`SELECT count(*)::int AS rows FROM pool_probe`)).rows).toEqual([{ rows: 0 }]);
      expect(await insertProbe(second.db)).toEqual({ id: 1 });
      const session = await second.db.execute(sql`SELECT current_setting('application_name') AS name, count(*)::int AS locks FROM pg_locks WHERE locktype = 'advisory'`);
      expect(session.rows).toEqual([{ name: '', locks: 0 }]);
    } finally {
      await second.close();
    }
  });

  it('never gives two open apps the same database', async () => {
    const [a, b] = await Promise.all([takeInMemoryPglite(imagePath), takeInMemoryPglite(imagePath)]);
    try {
      expect(a.db.$client).not.toBe(b.db.$client);
      await insertProbe(a.db);
      expect((await b.db.execute(sql`SELECT count(*)::int AS rows FROM pool_probe`)).rows).toEqual([{ rows: 0 }]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('closes a database whose schema a test changed instead of handing it on', async () => {
    const first = await takeInMemoryPglite(imagePath);
    await first.db.execute(sql`ALTER TABLE pool_probe ADD COLUMN extra int`);
    await first.close();
    expect(first.db.$client.closed).toBe(true);
    const second = await takeInMemoryPglite(imagePath);
    try {
      expect(second.db.$client).not.toBe(first.db.$client);
      const columns = await second.db.execute(sql`SELECT column_name FROM information_schema.columns WHERE table_name = 'pool_probe' ORDER BY 1`);
      expect(columns.rows).toEqual([{ column_name: 'id' }, { column_name: 'note' }]);
    } finally {
      await second.close();
    }
  });
});

describeWithService('TEST_DATABASE_URL', 'db-postgres readiness before and after npm run db:migrate (real PostgreSQL)', (adminUrl) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let built: BuiltApp;
  beforeAll(async () => {
    database = await createTestDatabase(adminUrl);
    built = await testModules([dbPostgres], { DATABASE_URL: database.url });
  });
  afterAll(async () => {
    await built?.app.close();
    await database?.drop();
  });
  const postgresCheck = async () => (await built.health.readiness()).checks.postgres;

  it('fails until the database has every migration this build ships, naming the remedy', async () => {
    expect(await postgresCheck()).toMatchObject({ status: 'fail', output: 'the database has no migrations applied: run npm run db:migrate' });
    await migratePostgres(database.url);
    expect(await postgresCheck()).toMatchObject({ status: 'pass' });
    // A database restored from before the newest migration: its newest record is older than the journal's.
    await adminQuery(database.url, 'UPDATE drizzle.__drizzle_migrations SET created_at = created_at - 1 WHERE created_at = (SELECT max(created_at) FROM drizzle.__drizzle_migrations)');
    expect(await postgresCheck()).toMatchObject({ status: 'fail', output: "the database is behind this build's migrations: run npm run db:migrate" });
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
    expect(text).toMatch(/db_client_connections_usage\{pool="postgres",state="idle"\} [1-9]/);
    expect(text).toContain('db_client_connections_usage{pool="postgres",state="used"} 0');
    expect(text).toContain('db_client_connections_max{pool="postgres"} 10');
    expect(text).toContain('db_client_connections_pending_requests{pool="postgres"} 0');
  });

  it("fails readiness in the store's words, not the server's (which name users, hosts and databases)", async () => {
    const elsewhere = new URL(database.url);
    elsewhere.pathname = '/no_such_database_here';
    const other = await testModules([dbPostgres], { DATABASE_URL: elsewhere.toString() });
    try {
      expect(await other.health.readiness()).toMatchObject({ status: 'fail', checks: { postgres: { status: 'fail', output: 'PostgreSQL query failed (SQLSTATE 3D000)' } } });
    } finally {
      await other.app.close();
    }
  });
});
