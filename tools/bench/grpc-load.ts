// gRPC load for the bench parts, the counterpart of autocannon in load.ts: each run is a closed loop of
// unary calls in a Node 24 child process of its own (grpc-load-child.ts). In the bench process, on the
// machine's Node 20, the grpc-js client cost markedly more CPU per call and saturated a core before the
// servers did.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { node24Env } from '../../test/support/node24.js';
import { READY_LINE, type GrpcRequest, type GrpcServer } from './grpc-client.js';
import type { GrpcLoadParams, GrpcLoadReport } from './grpc-load-child.js';
import { chargedRun, CONNECTIONS, type LoadRun } from './load.js';

/** Calls in flight are spread over this many channels, each its own HTTP/2 connection. */
export const GRPC_CHANNELS: number = 4;
/** Each child loads this long, unmeasured, before its run: a fresh process starts with cold code. */
export const GRPC_CHILD_WARMUP_SECONDS = 1;

/** Next to the bundled bench (.cache/tools), built from grpc-load-child.ts by rolldown.tools.config.ts. */
const CHILD_SCRIPT = fileURLToPath(new URL('./grpc-load-child.js', import.meta.url));

function isReport(value: unknown): value is GrpcLoadReport {
  const report = value as Partial<GrpcLoadReport> | null;
  return (
    typeof report?.requests === 'number' &&
    typeof report.seconds === 'number' &&
    Array.isArray(report.latenciesMs) &&
    typeof report.bytes === 'number' &&
    typeof report.loadGeneratorCpuSeconds === 'number'
  );
}

/**
 * One load run against a gRPC server, in the shape measure() gives for HTTP: latency from call to
 * callback, bytes/response the serialized response message (no HTTP/2 or gRPC framing), the load
 * generator's CPU as the child measured it. `module` is the project module exporting its grpc-js and
 * NotesService (api-styles-grpc.ts). The server's CPU is read from the start signal to the report.
 */
export async function measureGrpc(module: string, server: GrpcServer, request: GrpcRequest, seconds: number): Promise<LoadRun> {
  if (!existsSync(CHILD_SCRIPT)) throw new Error(`${CHILD_SCRIPT} is missing: run the bench through \`npm run bench\`, which bundles it`);
  const params: GrpcLoadParams = {
    module,
    address: server.address,
    path: request.method.path,
    request: request.request,
    metadata: request.metadata,
    connections: CONNECTIONS,
    channels: GRPC_CHANNELS,
    warmupSeconds: GRPC_CHILD_WARMUP_SECONDS,
    seconds,
  };
  const child = spawn('node', [CHILD_SCRIPT, JSON.stringify(params)], { env: node24Env(), stdio: ['pipe', 'pipe', 'pipe'] });
  const closed = new Promise<string>((resolve) => {
    child.once('close', (code, signal) => resolve(signal ? `signal ${signal}` : `code ${code}`));
    child.once('error', (error) => resolve(`error ${error.message}`)); // not started: no 'close' to wait for
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.on('error', () => {}); // a child gone early surfaces below, with its message
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const what = `gRPC load generator (Node 24 child) against ${server.address}${request.method.path}`;
  /** The child's next stdout line; once it has ended, the child's exit and message as an error. */
  const line = async (expecting: string): Promise<string> => {
    const next = await lines.next();
    if (!next.done) return next.value;
    throw new Error(`${what} exited with ${await closed} before ${expecting}: ${stderr.trim() || 'no message'}`);
  };
  try {
    await once(child, 'spawn');
    const ready = await line('it was ready');
    if (ready !== READY_LINE) throw new Error(`${what} printed ${JSON.stringify(ready.slice(0, 200))} instead of ${READY_LINE}`);
    return await chargedRun(server.pid, async () => {
      child.stdin.end('go\n');
      const reported = await line('reporting its run');
      const report: unknown = JSON.parse(reported);
      if (!isReport(report)) throw new Error(`${what} reported ${reported.slice(0, 200)}`);
      const exit = await closed;
      if (exit !== 'code 0') throw new Error(`${what} exited with ${exit} after reporting: ${stderr.trim()}`);
      return report;
    });
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await closed;
  }
}
