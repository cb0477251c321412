// A throwaway database per test file on the server named by TEST_MYSQL_URL (an admin URL).
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { migrateMysql } from '../../src/modules/db-mysql/migrate-mysql.js';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Runs `sql` on its own connection to the admin URL. */
export async function adminQuery(adminUrl: string, sql: string): Promise<unknown> {
  const connection = await mysql.createConnection({ uri: adminUrl });
  try {
    return (await connection.query(sql))[0];
  } finally {
    await connection.end();
  }
}

export async function createTestDatabase(adminUrl: string, charset = 'utf8mb4'): Promise<TestDatabase> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE \`${name}\` CHARACTER SET ${charset}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: async () => void (await adminQuery(adminUrl, `DROP DATABASE IF EXISTS \`${name}\``)) };
}

/** A throwaway database with the drizzle/mysql/ migrations applied. */
export async function createMigratedTestDatabase(adminUrl: string): Promise<TestDatabase> {
  const database = await createTestDatabase(adminUrl);
  try {
    await migrateMysql(database.url);
  } catch (err) {
    await database.drop();
    throw err;
  }
  return database;
}

/** A traced app's MySQL (test/telemetry.test.ts): a migrated throwaway database. */
export async function tracedEnv(adminUrl: string): Promise<{ env: Record<string, string>; cleanup(): Promise<void> }> {
  const database = await createMigratedTestDatabase(adminUrl);
  return { env: { MYSQL_URL: database.url }, cleanup: database.drop };
}
