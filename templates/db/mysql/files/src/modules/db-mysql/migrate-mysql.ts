import { drizzle } from 'drizzle-orm/mysql2';
import { migrate } from 'drizzle-orm/mysql2/migrator';
import mysql, { type RowDataPacket } from 'mysql2/promise';
import { migrationsFolder } from './migrations.js';

/**
 * Applies drizzle/mysql/ migrations on one dedicated connection, one migrator at a time (MySQL commits
 * each DDL statement as it runs, so two deploys migrating at once would both apply the same one).
 * Refuses a database whose default character set cannot hold every string a record may have.
 */
export async function migrateMysql(url: string): Promise<void> {
  const connection = await mysql.createConnection({ uri: url, connectTimeout: 5000, charset: 'utf8mb4', timezone: 'Z' });
  try {
    const [[settings]] = await connection.query<RowDataPacket[]>('SELECT DATABASE() AS name, @@character_set_database AS charset');
    const { name, charset } = settings as { name: string | null; charset: string };
    if (name === null) throw new Error('MYSQL_URL names no database: mysql://<user>:<password>@<host>:3306/<database>');
    if (charset !== 'utf8mb4') {
      throw new Error(`database "${name}" has the default character set ${charset}, which cannot store every string; run ALTER DATABASE \`${name}\` CHARACTER SET utf8mb4 first`);
    }
    // Lock names are server-wide and at most 64 characters: the database's, hashed.
    const [[lock]] = await connection.query<RowDataPacket[]>("SELECT GET_LOCK(CONCAT('db_migrate_', SHA1(DATABASE())), 60) AS held");
    if ((lock as { held: number | null }).held !== 1) throw new Error('another db:migrate has held the migration lock of this database for 60 s');
    await migrate(drizzle({ client: connection }), { migrationsFolder });
  } finally {
    await connection.end(); // also releases the lock
  }
}
