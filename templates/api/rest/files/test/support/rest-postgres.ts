// Stacks with db-postgres also run the REST tests against the PostgreSQL named by TEST_DATABASE_URL.
// Other stacks have no test/support/postgres.ts: it is imported by a computed path so they type-check.
import { modules } from '../../src/modules.js';
import { moduleName } from './modules.js';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export const stackHasPostgres = modules.some((module) => moduleName(module) === 'db-postgres');

export async function createMigratedTestDatabase(adminUrl: string): Promise<TestDatabase> {
  const support = './postgres.js';
  const { createMigratedTestDatabase: create } = (await import(support)) as { createMigratedTestDatabase(url: string): Promise<TestDatabase> };
  return create(adminUrl);
}
