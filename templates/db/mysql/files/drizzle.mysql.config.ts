import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'mysql',
  schema: './src/modules/db-mysql/schema.ts',
  out: './drizzle/mysql',
  dbCredentials: { url: process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/app' },
});
