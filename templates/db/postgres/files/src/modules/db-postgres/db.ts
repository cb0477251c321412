import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

/** What every repository queries: both drizzle drivers (node-postgres and PGlite) are PgDatabase instances. */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;
