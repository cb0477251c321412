// The gRPC load generator: one process per load run, started by grpc-load.ts under Node 24 (where a
// grpc-js call costs the client markedly less CPU than on the machine's Node 20), bundled to
// .cache/tools/grpc-load-child.js. A closed loop of unary calls, the counterpart of autocannon, kept
// lean: the request is serialized once, responses are counted as bytes and not decoded, and one Metadata
// object serves every call (grpc-js clones it per call).
//
// Protocol: the parameters (GrpcLoadParams) as JSON in argv[2]. Once its channels are connected and it
// has warmed up, the child prints `ready` on stdout and waits for a line on stdin; then it runs the loop
// and prints the result (GrpcLoadReport) as one line of JSON and exits 0. On any failure (a non-OK
// status, a channel that does not connect) it prints the message on stderr and exits 1.
import { pathToFileURL } from 'node:url';
import { asIs, failure, metadataOf, READY_LINE, READY_TIMEOUT_MS, type Client, type GrpcJs, type UnaryMethod } from './grpc-client.js';
import type { Counted } from './load.js';

export interface GrpcLoadParams {
  /** The module written into the project (api-styles-grpc.ts) exporting its grpc-js and `NotesService`. */
  module: string;
  address: string;
  /** The path of the NotesService method to call, e.g. `/notes.v1.NotesService/Get`. */
  path: string;
  /** The request message, as proto-loader takes it, and the metadata sent with every call. */
  request: object;
  metadata: Record<string, string>;
  /** Calls kept in flight, spread over `channels` channels (each its own HTTP/2 connection). */
  connections: number;
  channels: number;
  /** Unmeasured load before `ready`, so the measured run starts with the client's code optimized. */
  warmupSeconds: number;
  seconds: number;
}

/** What the run counted, with the child's own CPU over the measured loop. */
export type GrpcLoadReport = Counted;

const DRAIN_TIMEOUT_MS = 30_000;

type Loop = Omit<Counted, 'loadGeneratorCpuSeconds'>;

/** `connections` calls kept in flight over the clients for `seconds`; stops at the first non-OK status and rejects with it. */
function closedLoop(grpc: GrpcJs, method: UnaryMethod, clients: Client[], params: GrpcLoadParams, seconds: number): Promise<Loop> {
  const { address, path } = params;
  const argument = method.requestSerialize(params.request);
  const metadata = metadataOf(grpc, params.metadata);
  const latenciesMs: number[] = [];
  let bytes = 0;
  let inFlight = 0;
  let failed: Error | undefined;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const stopAt = started + seconds * 1000;
    const stalled = setTimeout(() => reject(new Error(`${address}${path}: ${inFlight} calls still in flight ${DRAIN_TIMEOUT_MS} ms after the run`)), seconds * 1000 + DRAIN_TIMEOUT_MS);
    const issue = (client: Client) => {
      const sent = performance.now();
      inFlight++;
      client.makeUnaryRequest(path, asIs, asIs, argument, metadata, (error, response) => {
        inFlight--;
        const now = performance.now();
        if (error) failed ??= failure(grpc, address, path, error);
        else {
          latenciesMs.push(now - sent);
          bytes += response!.length;
        }
        if (!failed && now < stopAt) return issue(client);
        if (inFlight > 0) return;
        clearTimeout(stalled);
        if (failed) reject(new Error(`${failed.message} (after ${latenciesMs.length} OK calls under load)`));
        else resolve({ requests: latenciesMs.length, seconds: (now - started) / 1000, latenciesMs, bytes });
      });
    };
    for (let i = 0; i < params.connections; i++) issue(clients[i % clients.length]!);
  });
}

/** Resolves on the first line (any data) on stdin; rejects if stdin ends first (the bench process went away). */
function startSignal(): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdin.once('data', () => {
      process.stdin.pause();
      resolve();
    });
    process.stdin.once('end', () => reject(new Error('stdin ended before the signal to start')));
  });
}

async function run(params: GrpcLoadParams): Promise<GrpcLoadReport> {
  const loaded = (await import(pathToFileURL(params.module).href)) as { grpc: GrpcJs; NotesService?: Record<string, UnaryMethod> };
  const { grpc } = loaded;
  const method = Object.values(loaded.NotesService ?? {}).find((m) => m.path === params.path);
  if (!method) throw new Error(`${params.module} exports no NotesService method ${params.path}`);
  // A local subchannel pool per client, or grpc-js would share one connection among them; no retries,
  // which spare the client their buffering (and a failed call fails the run anyway).
  const options = { 'grpc.use_local_subchannel_pool': 1, 'grpc.enable_retries': 0 };
  const clients = Array.from({ length: params.channels }, () => new grpc.Client(params.address, grpc.credentials.createInsecure(), options));
  try {
    const deadline = new Date(Date.now() + READY_TIMEOUT_MS);
    await Promise.all(
      clients.map((client) => new Promise<void>((resolve, reject) => client.waitForReady(deadline, (error) => (error ? reject(new Error(`${params.address}: channel not ready: ${error.message}`)) : resolve())))),
    );
    if (params.warmupSeconds > 0) await closedLoop(grpc, method, clients, params, params.warmupSeconds);
    const start = startSignal();
    process.stdout.write(`${READY_LINE}\n`);
    await start;
    const before = process.cpuUsage();
    const loop = await closedLoop(grpc, method, clients, params, params.seconds);
    const used = process.cpuUsage(before);
    return { ...loop, loadGeneratorCpuSeconds: (used.user + used.system) / 1e6 };
  } finally {
    for (const client of clients) client.close();
  }
}

function params(): GrpcLoadParams {
  if (!process.argv[2]) throw new Error('usage: grpc-load-child.js <GrpcLoadParams as JSON>');
  return JSON.parse(process.argv[2]) as GrpcLoadParams;
}

Promise.resolve()
  .then(() => run(params()))
  .then(
    (report) => process.stdout.write(`${JSON.stringify(report)}\n`, () => process.exit(0)),
    (error: unknown) => process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`, () => process.exit(1)),
  );
