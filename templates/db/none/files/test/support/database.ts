// What tests need from the db module. db/none: nothing (the repositories live in memory). Db modules replace this file.
export const databaseTestEnv: Record<string, string> = {};
