// CLI for `npm run db:migrate` (which loads .env): applies drizzle/mysql/ migrations to MYSQL_URL and exits.
import { migrateMysql } from './migrate-mysql.js';
import { MEMORY_URL, serverUrlProblem } from './url.js';

const url = process.env.MYSQL_URL;
try {
  if (!url) throw new Error('MYSQL_URL is not set');
  if (url === MEMORY_URL) throw new Error(`MYSQL_URL is ${MEMORY_URL}: records are kept in memory, there is no database to migrate`);
  const problem = URL.canParse(url) ? serverUrlProblem(url) : 'MYSQL_URL is not a valid URL';
  if (problem) throw new Error(problem);
  await migrateMysql(url);
  console.log(`db:migrate: migrations applied to MySQL database "${new URL(url).pathname.slice(1)}"`);
} catch (err) {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`db:migrate failed: ${message.split('\n')[0]}`);
  process.exit(1);
}
