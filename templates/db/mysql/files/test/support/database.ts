// What tests need from the db module. db/mysql: records in memory unless a test names a server
// (MYSQL_URL=memory:// asks for them by name, so tests that build a production app get them too).
export const databaseTestEnv: Record<string, string> = { MYSQL_URL: 'memory://' };
