// Cold start: from spawning the production start command to the first 200 on /readyz, for the default
// app on its embedded database (PGlite) and for the full stack on the machine's PostgreSQL and Redis.
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { node24Env, node24Version } from '../../test/support/node24.js';
import { scriptCommand } from '../../test/support/project.js';
import { freePort, waitUntilAnswering } from '../../test/support/server.js';
import { createDatabase, deleteRedisKeys } from '../../test/support/services.js';
import { defaultProject, fullStackProject, runInProject } from './default-project.js';
import type { BenchContext, BenchSection } from './section.js';
import { median } from './stats.js';

const POLL_MS = 10;
const TIMEOUT_MS = 60_000;
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** As production starts it; OTEL_EXPORTER_OTLP_ENDPOINT unset, so no exporter waits on a collector. */
const START_ENV = { NODE_ENV: 'production', LOG_LEVEL: 'info', OTEL_EXPORTER_OTLP_ENDPOINT: undefined };

/** Spawns `sh -c "exec <start script>"`, polls /readyz every POLL_MS, returns ms to the first 200, stops it. */
async function timeToReady(dir: string, env: Record<string, string | undefined>): Promise<number> {
  const port = await freePort();
  const [command, args] = await scriptCommand(dir, 'start');
  let output = '';
  const started = performance.now();
  const child = spawn(command, args, { cwd: dir, env: node24Env({ ...env, PORT: String(port), HOST: '127.0.0.1' }), stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const exited = () => child.exitCode !== null || child.signalCode !== null;
    await waitUntilAnswering(`http://127.0.0.1:${port}/readyz`, exited, { timeoutMs: TIMEOUT_MS, intervalMs: POLL_MS }).catch((error: Error) => {
      throw new Error(`the app ${error.message}:\n${output.slice(-3000)}`);
    });
    return performance.now() - started;
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

interface Series {
  name: string;
  /** The very first start (cold disk cache, first-time initialisation such as PGlite's data directory). */
  first: number;
  runs: number[];
}

async function series(name: string, rounds: number, start: () => Promise<number>): Promise<Series> {
  const first = await start();
  const runs: number[] = [];
  for (let i = 0; i < rounds; i++) runs.push(await start());
  return { name, first, runs };
}

const ms = (value: number) => value.toFixed(0);

function renderMarkdown(nodeVersion: string, rounds: number, all: Series[]): string {
  return [
    `Time from spawning the app's production start command to the first \`200\` from \`GET /readyz\` (every dependency checked), polled every ${POLL_MS} ms from the bench process.`,
    `The process is started as \`sh -c "exec <package.json start script>"\` (Node ${nodeVersion}, \`NODE_ENV=production\`, \`LOG_LEVEL=info\`, no trace export), so npm's own start-up is not counted; it is stopped with SIGTERM after each run.`,
    `Each stack is started once before the measured runs (reported apart as "first": colder file cache and, for the default app, PGlite creating and migrating its data directory), then ${rounds} measured times.`,
    '- **default**: `create-groundwork --yes` (embedded PGlite database in a data directory of its own, memory cache, JWT).',
    "- **full stack**: `--db postgres --cache redis --auth jwt --queue bullmq` against the machine's PostgreSQL (a fresh database, `npm run db:migrate` run once before) and Redis; the app process only (the worker is not started).",
    '',
    '| stack | median ms | min ms | max ms | first ms |',
    '|---|---:|---:|---:|---:|',
    ...all.map((s) => `| ${s.name} | ${ms(median(s.runs))} | ${ms(Math.min(...s.runs))} | ${ms(Math.max(...s.runs))} | ${ms(s.first)} |`),
  ].join('\n');
}

async function fullStackSeries(ctx: BenchContext): Promise<Series> {
  const { dir } = await fullStackProject(ctx);
  const database = await createDatabase('gw_bench');
  const redisPrefix = `gwbench${Date.now()}`; // also the queue name; BullMQ's keys are under REDIS_KEY_PREFIX too
  try {
    await runInProject(ctx, dir, 'npm', ['run', 'db:migrate'], { DATABASE_URL: database.url });
    // A key prefix of our own, so the shared Redis keeps nothing of the bench afterwards.
    const env = { ...START_ENV, DATABASE_URL: database.url, REDIS_URL, REDIS_KEY_PREFIX: `${redisPrefix}:`, QUEUE_NAME: redisPrefix };
    return await series('full stack (PostgreSQL + Redis)', ctx.rounds, () => timeToReady(dir, env));
  } finally {
    await database.drop();
    await deleteRedisKeys(REDIS_URL, [`${redisPrefix}:*`, `bull:${redisPrefix}:*`]);
  }
}

export async function benchColdStart(ctx: BenchContext): Promise<BenchSection> {
  const { dir } = await defaultProject(ctx);
  // A data directory of its own, so the first start really creates and migrates it.
  const pgliteDir = join(ctx.work, 'cold-start-pglite');
  await rm(pgliteDir, { recursive: true, force: true });
  const env = { ...START_ENV, DATABASE_URL: undefined, REDIS_URL: undefined, PGLITE_DATA_DIR: pgliteDir };
  const embedded = await series('default (embedded PGlite)', ctx.rounds, () => timeToReady(dir, env));
  const full = await fullStackSeries(ctx);
  return {
    title: 'Cold start to ready',
    markdown: renderMarkdown(await node24Version(), ctx.rounds, [embedded, full]),
    headlines: [
      `cold start to /readyz: default ${ms(median(embedded.runs))} ms (PGlite), full stack ${ms(median(full.runs))} ms (median of ${ctx.rounds})`,
    ],
  };
}
