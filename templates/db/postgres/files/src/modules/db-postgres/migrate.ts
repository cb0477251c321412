// CLI for `npm run db:migrate` (which loads .env): applies drizzle/ migrations to DATABASE_URL and exits.
import { migratePostgres } from './migrate-postgres.js';

const url = process.env.DATABASE_URL;
try {
  if (!url) throw new Error('DATABASE_URL is not set (embedded PGlite is migrated at start)');
  await migratePostgres(url);
  console.log(`db:migrate: migrations applied to database "${new URL(url).pathname.slice(1)}"`);
} catch (err) {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`db:migrate failed: ${message.split('\n')[0]}`);
  process.exit(1);
}
