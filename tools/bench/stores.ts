// The read path on each database store that runs here (PostgreSQL, MySQL/MariaDB, SQLite): the
// generated app's `GET /v1/notes/:id` and a list page, each beside a bare server that is Fastify and the
// store's own driver (pg, mysql2, better-sqlite3) running the same query and answering byte-identical JSON. The ratio is
// what the generated layers (services, repositories, drizzle, error mapping, logs, metrics, rate limit)
// cost on top of the driver.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { node24Env, node24Version } from '../../test/support/node24.js';
import { postNote, scriptCommand } from '../../test/support/project.js';
import { freePort } from '../../test/support/server.js';
import { createDatabase, createMysqlDatabase } from '../../test/support/services.js';
import { memoizedProject, runInProject } from './default-project.js';
import { alternatingRounds, CONNECTIONS, measure, RUN_SECONDS, startServer, SUMMARY_TABLE_HEAD, summarize, summaryRow, versusBare, WARMUP_SECONDS, type LoadRequest, type LoadRun, type Server } from './load.js';
import type { BenchContext, BenchSection } from './section.js';

const PAGE = 20;
const NOTES = 50;
const RATE_LIMIT_MAX = '1000000000';

/** The app's JSON for notes: the same keys in the same order, the list's cursor as cursor.ts makes it. */
const BARE_COMMON = `import Fastify from 'fastify';
const note = (row, iso) => ({ id: row.id, title: row.title, body: row.body, createdAt: iso(row.created_at), updatedAt: iso(row.updated_at) });
const page = (rows, iso, limit) => {
  const items = rows.slice(0, limit).map((row) => note(row, iso));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? Buffer.from(JSON.stringify([last.createdAt, last.id])).toString('base64url') : null };
};
const app = Fastify({ logger: false });
`;

interface Store {
  label: string;
  flags: string[];
  /** A database for one run; `dir` is the project's (an embedded store keeps its file there). */
  createDatabase(dir: string): Promise<{ url: string; drop(): Promise<void> }>;
  env(url: string): Record<string, string>;
  driver: string;
  /** The bare server's body after BARE_COMMON: reads DATABASE from the env. */
  bare: string;
}

const STORES: Store[] = [
  {
    label: 'PostgreSQL',
    flags: ['--db', 'postgres'],
    createDatabase: () => createDatabase('gw_bench'),
    env: (url) => ({ DATABASE_URL: url }),
    driver: 'pg',
    bare: `import pg from 'pg';
const pool = new pg.Pool({ connectionString: process.env.DATABASE, max: 10 });
const iso = (date) => date.toISOString();
app.get('/v1/notes/:id', async (request, reply) => {
  const { rows: [row] } = await pool.query('SELECT id, title, body, created_at, updated_at FROM notes WHERE id = $1', [request.params.id]);
  return row ? note(row, iso) : reply.code(404).send();
});
app.get('/v1/notes', async (request) => {
  const limit = Number(request.query.limit);
  const { rows } = await pool.query('SELECT id, title, body, created_at, updated_at FROM notes ORDER BY created_at, id LIMIT $1', [limit + 1]);
  return page(rows, iso, limit);
});
`,
  },
  {
    label: 'MySQL (MariaDB here)',
    flags: ['--db', 'mysql'],
    createDatabase: () => createMysqlDatabase('gw_bench'),
    env: (url) => ({ MYSQL_URL: url }),
    driver: 'mysql2',
    bare: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ uri: process.env.DATABASE, connectionLimit: 10, dateStrings: true, charset: 'utf8mb4' });
const iso = (text) => text.replace(' ', 'T') + 'Z';
app.get('/v1/notes/:id', async (request, reply) => {
  const [[row]] = await pool.query('SELECT id, title, body, created_at, updated_at FROM notes WHERE id = ?', [request.params.id]);
  return row ? note(row, iso) : reply.code(404).send();
});
app.get('/v1/notes', async (request) => {
  const limit = Number(request.query.limit);
  const [rows] = await pool.query('SELECT id, title, body, created_at, updated_at FROM notes ORDER BY created_at, id LIMIT ?', [limit + 1]);
  return page(rows, iso, limit);
});
`,
  },
  {
    label: 'SQLite',
    flags: ['--db', 'sqlite'],
    createDatabase: async (dir) => {
      const file = join(dir, '.data', 'bench.db');
      return { url: file, drop: () => rm(join(dir, '.data'), { recursive: true, force: true }) };
    },
    env: (url) => ({ SQLITE_PATH: url }),
    driver: 'better-sqlite3',
    bare: `import Database from 'better-sqlite3';
const db = new Database(process.env.DATABASE);
const byId = db.prepare('SELECT id, title, body, created_at, updated_at FROM notes WHERE id = ?');
const first = db.prepare('SELECT id, title, body, created_at, updated_at FROM notes ORDER BY created_at, id LIMIT ?');
const iso = (text) => text;
app.get('/v1/notes/:id', async (request, reply) => {
  const row = byId.get(request.params.id);
  return row ? note(row, iso) : reply.code(404).send();
});
app.get('/v1/notes', async (request) => {
  const limit = Number(request.query.limit);
  return page(first.all(limit + 1), iso, limit);
});
`,
  },
];
const LISTEN = `await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });\n`;

/** The app and the bare server, after checking that they answer `request` with the same body. */
async function sameBody(app: Server, bare: Server, request: LoadRequest): Promise<void> {
  const [fromApp, fromBare] = await Promise.all([app, bare].map(async (s) => (await fetch(`${s.url}${request.path}`)).text()));
  if (fromApp !== fromBare) throw new Error(`${request.path}: the bare server's body differs from the app's:\n${fromBare}\n${fromApp}`);
}

interface Measured {
  store: Store;
  reads: { name: string; app: LoadRun[]; bare: LoadRun[] }[];
}

async function measureStore(ctx: BenchContext, store: Store): Promise<Measured> {
  const { dir } = await memoizedProject(ctx, `bench-${store.driver}`, ['--api', 'rest', ...store.flags, '--cache', 'none', '--auth', 'none', '--queue', 'none']);
  const database = await store.createDatabase(dir);
  const bareFile = join(dir, 'bench-bare-store.mjs');
  const servers: Server[] = [];
  try {
    await runInProject(ctx, dir, 'npm', ['run', 'db:migrate'], store.env(database.url));
    const appPort = await freePort();
    const env = { NODE_ENV: 'production', PORT: String(appPort), HOST: '127.0.0.1', LOG_LEVEL: 'info', RATE_LIMIT_MAX, OTEL_EXPORTER_OTLP_ENDPOINT: undefined, ...store.env(database.url) };
    const app = await startServer('generated app', ...(await scriptCommand(dir, 'start')), { cwd: dir, env: node24Env(env), port: appPort, readyPath: '/readyz', logFile: join(ctx.work, `${store.driver}-app.log`) });
    servers.push(app);
    let first: { id: string } | undefined;
    for (let i = 0; i < NOTES; i++) {
      const created = await postNote(app.url, { title: `Benchmark note ${i}`, body: 'A note of ordinary size, read over and over by the load generator.' });
      if (created.status !== 201) throw new Error(`POST /v1/notes answered ${created.status}: ${await created.text()}`);
      first ??= (await created.json()) as { id: string };
    }

    await writeFile(bareFile, `${BARE_COMMON}${store.bare}${LISTEN}`);
    const barePort = await freePort();
    const get: LoadRequest = { path: `/v1/notes/${first!.id}`, headers: {} };
    const list: LoadRequest = { path: `/v1/notes?limit=${PAGE}`, headers: {} };
    const bare = await startServer(`bare Fastify + ${store.driver}`, 'node', [bareFile], {
      cwd: dir,
      env: node24Env({ PORT: String(barePort), DATABASE: database.url }),
      port: barePort,
      readyPath: get.path,
      logFile: join(ctx.work, `${store.driver}-bare.log`),
    });
    servers.push(bare);
    for (const request of [get, list]) await sameBody(app, bare, request);

    const reads = [
      { name: '`GET /v1/notes/:id`', request: get, app: [] as LoadRun[], bare: [] as LoadRun[] },
      { name: `\`GET /v1/notes?limit=${PAGE}\``, request: list, app: [] as LoadRun[], bare: [] as LoadRun[] },
    ];
    for (const read of reads) for (const server of [bare, app]) await measure(server, read.request, WARMUP_SECONDS);
    await alternatingRounds(ctx.rounds, reads, async (read, which) => void read[which].push(await measure(which === 'app' ? app : bare, read.request, RUN_SECONDS)));
    return { store, reads };
  } finally {
    for (const server of servers.reverse()) await server.stop();
    await rm(bareFile, { force: true });
    await database.drop();
  }
}

export async function benchStores(ctx: BenchContext): Promise<BenchSection> {
  const measured: Measured[] = [];
  for (const store of STORES) measured.push(await measureStore(ctx, store));
  const rows: string[] = [];
  const headlines: string[] = [];
  for (const { store, reads } of measured) {
    for (const read of reads) {
      const [app, bare] = [summarize(read.app), summarize(read.bare)];
      const { row, ratio, cpuRatio } = versusBare(`${store.label} ${read.name}`, app, bare);
      rows.push(summaryRow(`${store.label} ${read.name}, bare Fastify + ${store.driver}`, bare), summaryRow(`${store.label} ${read.name}, generated app`, app), row);
      headlines.push(`${store.label} ${read.name.replace(/`/g, '')}: ${ratio.toFixed(2)}x bare req/s, ${cpuRatio.toFixed(1)}x its CPU/request`);
    }
  }
  return {
    title: 'Stores: the read path on each database',
    markdown: [
      `For each store that runs on this machine (SQLite in the app's process, the others as servers), a project generated with \`--api rest --db <store> --cache none --auth none --queue none --yes\`, migrated into a database of its own and started with \`npm start\` (Node ${await node24Version()}, \`NODE_ENV=production\`, logs at \`info\` to a file, metrics, rate limiting with the limit raised to ${RATE_LIMIT_MAX}; no cache, so every read is a query). ${NOTES} notes are created through the API; then the load reads one note and the first page of ${PAGE}.`,
      `Beside each, a bare server in a process of its own with packages from the project's node_modules: Fastify with logger off and the store's driver (a pool of 10; better-sqlite3's one synchronous connection on the same file), running the same query (by primary key; \`ORDER BY created_at, id LIMIT ${PAGE + 1}\`) and answering byte-identical JSON (checked before loading).`,
      `Load: autocannon in the bench process (Node ${process.version}) with ${CONNECTIONS} connections; ${WARMUP_SECONDS} s warm-up per server and read, ${ctx.rounds} rounds of ${RUN_SECONDS} s runs, alternating the order every round; medians over rounds. The database servers share the machine's two cores with both.`,
      '',
      ...SUMMARY_TABLE_HEAD,
      ...rows,
    ].join('\n'),
    headlines,
  };
}
