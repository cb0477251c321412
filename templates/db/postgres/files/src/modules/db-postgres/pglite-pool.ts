import type { PGlite } from '@electric-sql/pglite';
import { openPglite } from './pglite.js';

type Pglite = Awaited<ReturnType<typeof openPglite>>;

// Tests build hundreds of apps in one process, each with an in-memory database of its own. Opening one
// costs most of a second of CPU even from the migrated image; resetting a used one takes milliseconds.
// So a closed app's database is reset and kept, and the next app opened in this process takes it: an
// open app still has a database no other open app uses, holding only what the migrations made.
const idle = new Map<string, Promise<Kept | undefined>[]>();

interface Kept {
  pglite: Pglite;
  /** The columns of every table as the migrations left them: a database whose schema changed is not reused. */
  schema: string;
  /** Empties those tables; their list is read once, when the database is opened. */
  truncate: string | undefined;
}

/** Where the migrations' tables live: not the catalogs, not drizzle's own record of what ran. */
const ownSchemas = (column: string) => `${column} NOT IN ('information_schema', 'drizzle') AND ${column} !~ '^pg_'`;

async function schemaOf(client: PGlite): Promise<string> {
  const { rows } = await client.query<{ schema: string | null }>(
    `SELECT string_agg(format('%I.%I.%I %s %s %s', table_schema, table_name, column_name, data_type, is_nullable, column_default), E'\\n' ORDER BY table_schema, table_name, column_name) AS schema
       FROM information_schema.columns WHERE ${ownSchemas('table_schema')}`,
  );
  return rows[0]?.schema ?? '';
}

/**
 * What a new connection would see: no open transaction (an app closed mid-request), no session state
 * (DISCARD ALL: settings, temporary tables, advisory locks), every table empty with identities
 * restarted. False when the database cannot be reset or its schema changed: it is closed instead.
 */
async function reset({ pglite, schema, truncate }: Kept): Promise<boolean> {
  const client = pglite.db.$client;
  try {
    if (client.isInTransaction()) await client.exec('ROLLBACK');
    await client.exec('DISCARD ALL');
    if ((await schemaOf(client)) !== schema) return false;
    if (truncate) await client.exec(truncate);
    return true;
  } catch {
    return false;
  }
}

async function open(imagePath: string | undefined): Promise<Kept> {
  const pglite = await openPglite('memory://', imagePath);
  const client = pglite.db.$client;
  const { rows } = await client.query<{ name: string }>(`SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables WHERE ${ownSchemas('schemaname')}`);
  const truncate = rows.length > 0 ? `TRUNCATE ${rows.map((row) => row.name).join(', ')} RESTART IDENTITY CASCADE` : undefined;
  return { pglite, schema: await schemaOf(client), truncate };
}

/** An empty, migrated in-memory database for one app; closing it hands it to the next one. */
export async function takeInMemoryPglite(imagePath?: string): Promise<Pglite> {
  const key = imagePath ?? '';
  if (!idle.has(key)) idle.set(key, []);
  const waiting = idle.get(key)!;
  let kept: Kept | undefined;
  while (!kept && waiting.length > 0) kept = await waiting.shift();
  kept ??= await open(imagePath);
  const taken = kept;
  let closed = false;
  return {
    db: taken.pglite.db,
    close: async () => {
      if (closed) return;
      closed = true;
      const reused = reset(taken).then(async (usable) => {
        if (usable) return taken;
        await taken.pglite.close();
        return undefined;
      });
      waiting.push(reused);
      await reused;
    },
  };
}
