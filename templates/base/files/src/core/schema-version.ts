// Whether a database has every migration this build ships. drizzle's migrator records each migration it
// applies with its journal time (`created_at`), and applies only those newer than the newest it recorded:
// a database whose newest record is older than the journal's newest entry is behind this build, and the
// app's queries would fail on it. /readyz says so instead of passing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The journal time of the newest migration in a drizzle migrations folder (0 when it has none). */
export function newestMigration(migrationsFolder: string): number {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] };
  return Math.max(0, ...journal.entries.map((entry) => entry.when));
}

/** `applied`: the newest `created_at` the database recorded, undefined when it has no migrations table. Throws the readiness failure, naming the remedy. */
export function assertSchemaCurrent(store: string, applied: number | undefined, newest: number): void {
  if (newest === 0) return;
  if (applied === undefined) throw new Error(`${store} has no migrations applied: run npm run db:migrate`);
  if (applied < newest) throw new Error(`${store} is behind this build's migrations: run npm run db:migrate`);
}
