// CLI for `npm run db:migrate` (which loads .env): applies drizzle/sqlite/ migrations to the SQLITE_PATH
// file and exits. The app migrates at start too; this is for a deploy step that wants it done first.
import { existsSync } from 'node:fs';
import { DEFAULT_PATH, MEMORY_PATH, migrateSqlite, openDatabase, sqliteReason } from './database.js';

const path = process.env.SQLITE_PATH || DEFAULT_PATH;
try {
  if (path === MEMORY_PATH) throw new Error(`SQLITE_PATH is ${MEMORY_PATH}: the database lives in the app's memory, there is no file to migrate`);
  const created = !existsSync(path);
  const db = openDatabase(path, 1000);
  try {
    migrateSqlite(db, 1000);
  } finally {
    db.$client.close();
  }
  console.log(`db:migrate: migrations applied to SQLite database ${path}${created ? ' (created)' : ''}`);
} catch (err) {
  console.error(`db:migrate failed: ${sqliteReason(err)}`);
  process.exit(1);
}
