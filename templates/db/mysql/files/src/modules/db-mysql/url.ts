/** MYSQL_URL's value that keeps records in memory on purpose (tests of production settings, demos). */
export const MEMORY_URL = 'memory://';

/** Why `url` cannot name a MySQL server, in one line; undefined when it can. */
export function serverUrlProblem(url: string): string | undefined {
  const { protocol } = new URL(url);
  return protocol.toLowerCase() === 'mysql:' ? undefined : `MYSQL_URL must be a mysql:// URL (or ${MEMORY_URL}), not ${protocol}//`;
}
