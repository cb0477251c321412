// A throwaway database per test file on the server named by TEST_DATABASE_URL (an admin URL).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migratePostgres } from '../../src/modules/db-postgres/migrate-postgres.js';

/** Runs `sql` on its own connection to `url`; its rows. */
export async function adminQuery<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = <T extends pg.QueryResultRow>(sql: string, values: unknown[] = []) => adminQuery<T>(adminUrl, sql, values);
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const drop = async () => {
    // pool.end() resolves before its sockets have closed, and a connection terminated by FORCE while it
    // closes emits an error nothing listens to any more: give closing connections a moment first.
    for (let waited = 0; waited < 2000; waited += 50) {
      const [open] = await admin<{ count: number }>('SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = $1', [name]);
      if (!open?.count) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // FORCE: a leaked pool connection must not keep the database alive.
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
  return { url: url.toString(), drop };
}

/** A throwaway database with the drizzle/ migrations applied. */
export async function createMigratedTestDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const database = await createTestDatabase(adminUrl);
  try {
    await migratePostgres(database.url);
  } catch (err) {
    await database.drop();
    throw err;
  }
  return database;
}

/** A traced app's PostgreSQL (test/telemetry.test.ts): a migrated throwaway database. */
export async function tracedEnv(adminUrl: string): Promise<{ env: Record<string, string>; cleanup(): Promise<void> }> {
  const database = await createMigratedTestDatabase(adminUrl);
  return { env: { DATABASE_URL: database.url }, cleanup: database.drop };
}
