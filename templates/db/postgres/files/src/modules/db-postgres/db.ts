import type { PgDatabase, PgQueryResultHKT, PgTransactionConfig } from 'drizzle-orm/pg-core';

/** What every repository queries: both drizzle drivers (node-postgres and PGlite) are PgDatabase instances. */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;

/**
 * For a write that locks its row and checks it first: under READ COMMITTED a write that waited for the
 * lock reads the row as committed meanwhile; a stricter default_transaction_isolation would fail it (40001).
 */
export const READ_COMMITTED: PgTransactionConfig = { isolationLevel: 'read committed' };
