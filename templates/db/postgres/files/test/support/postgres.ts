// A throwaway database per test file on the server named by TEST_DATABASE_URL (an admin URL).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migratePostgres } from '../../src/modules/db-postgres/migrate-postgres.js';

export async function createTestDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  // FORCE: a leaked pool connection must not keep the database alive.
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
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
