// Load measurements shared by the bench parts that put servers under load: spawn a server, load it with
// autocannon, and read the CPU it used from /proc.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import autocannon from 'autocannon';
import { waitUntilAnswering } from '../../test/support/server.js';
import { median, percentile } from './stats.js';

export const RUN_SECONDS = 6;
export const WARMUP_SECONDS = 3;
export const CONNECTIONS = 50;

export interface Server {
  url: string;
  pid: number;
  exited(): boolean;
  stop(): Promise<void>;
}

export interface LoadRun {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU time (user + system) the server process used during the run. */
  cpuSeconds: number;
  /** The same as a share of one core. */
  serverCpu: number;
  /**
   * CPU the load generator's process used, as that process measured it (Counted.loadGeneratorCpuSeconds:
   * the bench process for autocannon, a Node 24 child for gRPC), in cores (all its threads, so it can
   * pass 1): near 1, the generator, not the server, sets the pace.
   */
  loadGeneratorCpu: number;
  requests: number;
  bytesPerResponse: number;
}


/** How to tell a spawned server is ready: an HTTP path answering 2xx, or a probe of its own that throws once `exited()`. */
export type Readiness = { readyPath: string } | { ready: (exited: () => boolean) => Promise<void> };

/** The end of a server's log, for error messages. */
export async function logTail(logFile: string): Promise<string> {
  return (await readFile(logFile, 'utf8')).slice(-3000);
}

/** Spawns a server with stdout and stderr appended to a file, and waits until it is ready. */
export async function startServer(what: string, command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; port: number; logFile: string } & Readiness): Promise<Server> {
  const log = openSync(options.logFile, 'a');
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', log, log] });
  closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;
  const url = `http://127.0.0.1:${options.port}`;
  try {
    if ('readyPath' in options) await waitUntilAnswering(`${url}${options.readyPath}`, hasExited, { intervalMs: 50 });
    else await options.ready(hasExited);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${what} ${(error as Error).message}; its output:\n${await logTail(options.logFile)}`);
  }
  return {
    url,
    pid: child.pid!,
    exited: hasExited,
    async stop() {
      if (!hasExited()) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** utime + stime of a process in seconds, from /proc (Linux). */
async function cpuSeconds(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  const ticksPerSecond = 100; // USER_HZ, 100 on every Linux we run on
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/** What the load generator sends: a GET by default. */
export interface LoadRequest {
  path: string;
  headers: Record<string, string>;
  method?: 'GET' | 'POST';
  body?: string;
}

/** One autocannon run; latencies are taken from every 2xx response at sub-millisecond resolution. */
function autocannonRun(url: string, request: LoadRequest, seconds: number, latencies: number[]): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const options = { url, headers: request.headers, method: request.method ?? 'GET', body: request.body, connections: CONNECTIONS, duration: seconds };
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
}

export async function measure(server: Server, request: LoadRequest, seconds: number): Promise<LoadRun> {
  return chargedRun(server.pid, async () => {
    const latenciesMs: number[] = [];
    const before = process.cpuUsage(); // autocannon runs in the bench process
    const result = await autocannonRun(`${server.url}${request.path}`, request, seconds, latenciesMs);
    const used = process.cpuUsage(before);
    if (result.non2xx > 0 || result.errors > 0) {
      throw new Error(`${server.url}${request.path}: ${result.non2xx} non-2xx responses and ${result.errors} errors under load (${JSON.stringify(result.statusCodeStats)})`);
    }
    return { requests: result.requests.total, seconds: result.duration, latenciesMs, bytes: result.throughput.total, loadGeneratorCpuSeconds: (used.user + used.system) / 1e6 };
  });
}

/** What one load run counted, whichever load generator drove it. */
export interface Counted {
  /** Successful responses. */
  requests: number;
  /** How long the run took. */
  seconds: number;
  /** The latency of every successful response. */
  latenciesMs: number[];
  /** Bytes received. */
  bytes: number;
  /** CPU time (user + system, all threads) of the process generating the load during the run, measured by that process. */
  loadGeneratorCpuSeconds: number;
}

/** Drives one load run and charges it the CPU the server process (pid) used meanwhile, and the load generator's as `drive` counted it. */
export async function chargedRun(pid: number, drive: () => Promise<Counted>): Promise<LoadRun> {
  const cpuBefore = await cpuSeconds(pid);
  const counted = await drive();
  const cpu = (await cpuSeconds(pid)) - cpuBefore;
  return {
    requestsPerSecond: counted.requests / counted.seconds,
    p50Ms: percentile(counted.latenciesMs, 50),
    p99Ms: percentile(counted.latenciesMs, 99),
    cpuSeconds: cpu,
    serverCpu: cpu / counted.seconds,
    loadGeneratorCpu: counted.loadGeneratorCpuSeconds / counted.seconds,
    requests: counted.requests,
    bytesPerResponse: counted.bytes / counted.requests,
  };
}


export interface Summary {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  serverCpu: number;
  loadGeneratorCpu: number;
  cpuMicrosPerRequest: number;
  bytesPerResponse: number;
}

export function summarize(runs: LoadRun[]): Summary {
  const requests = runs.reduce((sum, r) => sum + r.requests, 0);
  const cpuSecondsTotal = runs.reduce((sum, r) => sum + r.cpuSeconds, 0);
  return {
    requestsPerSecond: median(runs.map((r) => r.requestsPerSecond)),
    p50Ms: median(runs.map((r) => r.p50Ms)),
    p99Ms: median(runs.map((r) => r.p99Ms)),
    serverCpu: median(runs.map((r) => r.serverCpu)),
    loadGeneratorCpu: median(runs.map((r) => r.loadGeneratorCpu)),
    cpuMicrosPerRequest: (cpuSecondsTotal / requests) * 1e6,
    bytesPerResponse: median(runs.map((r) => r.bytesPerResponse)),
  };
}

export const fixed = (value: number, digits: number) => value.toFixed(digits);

export function summaryRow(name: string, s: Summary): string {
  return `| ${name} | ${fixed(s.requestsPerSecond, 0)} | ${fixed(s.p50Ms, 2)} | ${fixed(s.p99Ms, 2)} | ${fixed(s.serverCpu * 100, 0)} % | ${fixed(s.cpuMicrosPerRequest, 0)} | ${fixed(s.bytesPerResponse, 0)} |`;
}


/** The head of a table of summaryRow rows. */
export const SUMMARY_TABLE_HEAD = ['| server | req/s | p50 ms | p99 ms | server CPU | CPU µs/request | bytes/response |', '|---|---:|---:|---:|---:|---:|---:|'];

/** The generated app against its bare server: the req/s and CPU/request ratios, and their row under the two summaries. */
export function versusBare(name: string, app: Summary, bare: Summary): { row: string; ratio: number; cpuRatio: number } {
  const ratio = app.requestsPerSecond / bare.requestsPerSecond;
  const cpuRatio = app.cpuMicrosPerRequest / bare.cpuMicrosPerRequest;
  return { row: `| **${name}: generated / bare** | **${ratio.toFixed(2)}x** | | | | ${cpuRatio.toFixed(1)}x | |`, ratio, cpuRatio };
}

/** `rounds` rounds of `run` for every item on both servers, the order of items and of servers alternating each round. */
export async function alternatingRounds<T>(rounds: number, items: readonly T[], run: (item: T, which: 'app' | 'bare') => Promise<void>): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (['bare', 'app'] as const) : (['app', 'bare'] as const);
    for (const item of round % 2 === 0 ? items : [...items].reverse()) for (const which of order) await run(item, which);
  }
}
