// The machine's real PostgreSQL and MySQL/MariaDB (a database per test run) and private redis-servers for outages.
import { execa, type ResultPromise } from 'execa';
import { randomBytes } from 'node:crypto';
import { freePort } from './server.js';

export const POSTGRES_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const psql = (sql: string) => execa('psql', [POSTGRES_ADMIN_URL, '-v', 'ON_ERROR_STOP=1', '-qc', sql], { stdin: 'ignore' });

export async function createDatabase(prefix = 'gw_e2e'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await psql(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: async () => void (await psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)) };
}

/** An admin URL of the machine's MySQL or MariaDB: generated projects' tests create their databases through it. */
export const MYSQL_ADMIN_URL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/';

const mysqlCommand = (sql: string) => {
  const url = new URL(MYSQL_ADMIN_URL);
  const password = url.password ? [`--password=${decodeURIComponent(url.password)}`] : [];
  return execa('mariadb', ['-h', url.hostname, '-P', url.port || '3306', '-u', decodeURIComponent(url.username || 'root'), ...password, '-e', sql], { stdin: 'ignore' });
};

export async function createMysqlDatabase(prefix = 'gw_e2e'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await mysqlCommand(`CREATE DATABASE ${name} CHARACTER SET utf8mb4`);
  const url = new URL(MYSQL_ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: async () => void (await mysqlCommand(`DROP DATABASE IF EXISTS ${name}`)) };
}

export interface PrivateRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** A redis-server of our own on a free port, so an outage never touches the shared one. */
export async function privateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ResultPromise | undefined;
  const start = async () => {
    child = execa('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { reject: false, stdin: 'ignore' });
    for (let i = 0; i < 50; i++) {
      const ping = await execa('redis-cli', ['-p', String(port), 'ping'], { reject: false });
      if (ping.stdout.trim() === 'PONG') return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`redis-server on ${port} did not start`);
  };
  const stop = async () => {
    child?.kill('SIGKILL');
    await child;
    child = undefined;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, port, start, stop };
}

/** Removes the keys a test left in a shared Redis (e.g. `myprefix:*`, `bull:myqueue:*`). */
export async function deleteRedisKeys(url: string, patterns: string[]): Promise<void> {
  for (const pattern of patterns) {
    const { stdout } = await execa('redis-cli', ['-u', url, '--scan', '--pattern', pattern], { stdin: 'ignore' });
    const keys = stdout.split('\n').filter(Boolean);
    for (let i = 0; i < keys.length; i += 500) await execa('redis-cli', ['-u', url, 'UNLINK', ...keys.slice(i, i + 500)], { stdin: 'ignore' });
  }
}
