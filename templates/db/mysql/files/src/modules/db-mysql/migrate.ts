// CLI for `npm run db:migrate` (which loads .env): applies drizzle/mysql/ migrations to MYSQL_URL and exits.
import { migrateMysql } from './migrate-mysql.js';

const url = process.env.MYSQL_URL;
try {
  if (!url) throw new Error('MYSQL_URL is not set');
  await migrateMysql(url);
  console.log(`db:migrate: migrations applied to MySQL database "${new URL(url).pathname.slice(1)}"`);
} catch (err) {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`db:migrate failed: ${message.split('\n')[0]}`);
  process.exit(1);
}
