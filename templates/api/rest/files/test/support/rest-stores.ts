// Stacks with a database server (db-postgres, db-mysql) also run the REST tests against the real server
// named by the store's TEST_* URL. Other stacks have no test/support/<store>.ts: it is imported by a
// computed path so they type-check.
import { modules } from '../../src/modules.js';
import { moduleName } from './modules.js';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export interface ServerStore {
  /** "PostgreSQL", as its errors name it ("PostgreSQL unavailable: ..."). */
  label: string;
  /** The admin URL's variable (test/support/services.ts). */
  testVariable: string;
  /** The app's env for a database at `url`, with the store's timeouts short, so a stalled server fails in about a second. */
  env(url: string): Record<string, string>;
  /** A throwaway database with the migrations applied. */
  createMigratedTestDatabase(adminUrl: string): Promise<TestDatabase>;
}

const migratedBy = (support: string) => async (adminUrl: string) => {
  const { createMigratedTestDatabase } = (await import(support)) as { createMigratedTestDatabase(url: string): Promise<TestDatabase> };
  return createMigratedTestDatabase(adminUrl);
};

const SERVER_STORES: Record<string, ServerStore> = {
  'db-postgres': {
    label: 'PostgreSQL',
    testVariable: 'TEST_DATABASE_URL',
    // The client-side query_timeout is the statement timeout + 1 s.
    env: (url) => ({ DATABASE_URL: url, DATABASE_STATEMENT_TIMEOUT_MS: '500' }),
    createMigratedTestDatabase: migratedBy('./postgres.js'),
  },
  'db-mysql': {
    label: 'MySQL',
    testVariable: 'TEST_MYSQL_URL',
    env: (url) => ({ MYSQL_URL: url, MYSQL_QUERY_TIMEOUT_MS: '500' }),
    createMigratedTestDatabase: migratedBy('./mysql.js'),
  },
};

/** The stack's store that has a server, if any. */
export const serverStore: ServerStore | undefined = modules.map((module) => SERVER_STORES[moduleName(module) ?? '']).find((store) => store !== undefined);
