// The mysql2 pool and the client drizzle queries through it. mysql2 has neither a wait limit for a free
// connection nor a way to stop a query it has sent, so the client adds both: a request waits at most
// ACQUIRE_TIMEOUT_MS for a connection, and a query that outlives MYSQL_QUERY_TIMEOUT_MS fails and its
// connection is destroyed (left in the pool, its late answer would be read as the next query's).
import mysql, { type Pool, type PoolConnection } from 'mysql2/promise';
import type { ConfigFrom } from '../../core/config.js';
import type { envSpec } from './env.js';

export type PoolConfig = ConfigFrom<typeof envSpec>;

export const ACQUIRE_TIMEOUT_MS = 3000;
/** Requests beyond this many waiting for a connection fail at once (503) instead of queueing. */
const QUEUE_PER_CONNECTION = 10;

export function createPool(config: PoolConfig, url: string): Pool {
  return mysql.createPool({
    uri: url,
    connectionLimit: config.MYSQL_POOL_MAX,
    queueLimit: config.MYSQL_POOL_MAX * QUEUE_PER_CONNECTION,
    maxIdle: config.MYSQL_POOL_MAX,
    idleTimeout: 30_000,
    connectTimeout: ACQUIRE_TIMEOUT_MS,
    enableKeepAlive: true,
    // 4-byte characters (emoji) need utf8mb4; DATETIME columns are UTC text either way (timestamps.ts).
    charset: 'utf8mb4',
    timezone: 'Z',
  });
}

/** query and execute, as drizzle calls them: options (or SQL text) and values. */
type Run = Record<'query' | 'execute', (options: unknown, values?: unknown) => Promise<unknown>>;

const isTimeout = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === 'PROTOCOL_SEQUENCE_TIMEOUT';

/** A pooled connection whose every query has the timeout, destroyed when one runs out. */
function timedConnection(connection: PoolConnection, timeout: number): PoolConnection {
  const run =
    (method: 'query' | 'execute') =>
    async (options: unknown, values?: unknown): Promise<unknown> => {
      const withTimeout = typeof options === 'string' ? { sql: options, timeout } : { ...(options as object), timeout };
      try {
        return await (connection as unknown as Run)[method](withTimeout, values);
      } catch (error) {
        if (isTimeout(error)) connection.destroy();
        throw error;
      }
    };
  const query = run('query');
  const execute = run('execute');
  return new Proxy(connection, {
    get: (target, key, receiver) => (key === 'query' ? query : key === 'execute' ? execute : Reflect.get(target, key, receiver)),
  });
}

/** `pool.getConnection()`, failing after ACQUIRE_TIMEOUT_MS (a connection that comes later goes back). */
async function acquire(pool: Pool): Promise<PoolConnection> {
  const pending = pool.getConnection();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      pending.then((late) => late.release()).catch(() => {});
      reject(new Error(`timeout exceeded when trying to get a MySQL connection (${ACQUIRE_TIMEOUT_MS} ms)`));
    }, ACQUIRE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([pending, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** The pool as drizzle uses it (query, execute, getConnection), with the wait limit and query timeout. */
export function timedClient(pool: Pool, timeout: number): Pool {
  const onConnection =
    (method: 'query' | 'execute') =>
    async (options: unknown, values?: unknown): Promise<unknown> => {
      const connection = timedConnection(await acquire(pool), timeout);
      try {
        return await (connection as unknown as Run)[method](options, values);
      } finally {
        connection.release(); // a no-op once destroyed
      }
    };
  const query = onConnection('query');
  const execute = onConnection('execute');
  const getConnection = async () => timedConnection(await acquire(pool), timeout);
  return new Proxy(pool, {
    get: (target, key, receiver) =>
      key === 'query' ? query : key === 'execute' ? execute : key === 'getConnection' ? getConnection : Reflect.get(target, key, receiver),
  });
}
