// What tests need from the db module. db/sqlite: every test app opens its own database in memory, also
// one built with NODE_ENV=production or development (whose default is the developer's .data/app.db);
// a test that needs a file names one (support/sqlite.ts).
export const databaseTestEnv: Record<string, string> = { SQLITE_PATH: ':memory:' };
