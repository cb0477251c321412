import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/modules/db-sqlite/schema.ts',
  out: './drizzle/sqlite',
  dbCredentials: { url: process.env.SQLITE_PATH ?? '.data/app.db' },
});
