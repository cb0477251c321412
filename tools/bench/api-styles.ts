// Reading one note through each API style of the same generated app, each beside a bare server
// answering the same request with the same body: REST `GET /v1/notes/:id` against bare Fastify, GraphQL
// `note(id)` against bare Fastify + mercurius with the same type, gRPC `notes.v1.NotesService/Get`
// against bare @grpc/grpc-js with the same proto (api-styles-grpc.ts). Everything in the app is on
// (logs, metrics, rate limit, token verification) except trace export, which the "app" part measures.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { node24Env, node24Version } from '../../test/support/node24.js';
import { devToken, postNote, scriptCommand } from '../../test/support/project.js';
import { freePort } from '../../test/support/server.js';
import { NOTES_PROTO, projectGrpc, sameGrpcResponse, type ProjectGrpc, type RestNote } from './api-styles-grpc.js';
import { API_STYLES_FLAGS, apiStylesProject } from './default-project.js';
import { waitUntilGrpcAnswers, type GrpcRequest, type GrpcServer } from './grpc-client.js';
import { GRPC_CHANNELS, GRPC_CHILD_WARMUP_SECONDS } from './grpc-load.js';
import { alternatingRounds, CONNECTIONS, logTail, measure, RUN_SECONDS, startServer, SUMMARY_TABLE_HEAD, summarize, summaryRow, versusBare, WARMUP_SECONDS, type LoadRequest, type LoadRun, type Server } from './load.js';
import type { BenchContext, BenchSection } from './section.js';

/** The same note over REST and GraphQL, from fastify and mercurius in the project's node_modules, nothing else. */
const BARE_SERVER = `import Fastify from 'fastify';
import mercurius from 'mercurius';
const note = JSON.parse(process.env.BARE_NOTE);
const app = Fastify({ logger: false });
app.get('/v1/notes/:id', async () => note);
app.register(mercurius, {
  schema: 'type Note { id: ID! title: String! body: String! createdAt: String! updatedAt: String! } type Query { note(id: ID!): Note }',
  resolvers: { Query: { note: () => note } },
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
`;

const RATE_LIMIT_MAX = '1000000000';
/** A load generator busier than this share of a core is likely what limits a run's req/s. */
const GENERATOR_BOUND = 0.9;

interface Style {
  name: string;
  /** One load run against the app or the bare server. */
  run(which: 'app' | 'bare', seconds: number): Promise<LoadRun>;
}

async function sameBody(app: Server, bare: Server, request: LoadRequest): Promise<string> {
  const init = { method: request.method ?? 'GET', headers: request.headers, body: request.body };
  const [fromApp, fromBare] = await Promise.all([app, bare].map(async (s) => (await fetch(`${s.url}${request.path}`, init)).text()));
  if (fromApp !== fromBare) throw new Error(`${request.path}: the bare server's body differs from the app's:\n${fromBare}\n${fromApp}`);
  return fromApp!;
}

const percent = (share: number) => `${(share * 100).toFixed(0)} %`;

export async function benchApiStyles(ctx: BenchContext): Promise<BenchSection> {
  const { dir } = await apiStylesProject(ctx);
  const work = join(ctx.work, 'api-styles');
  await mkdir(work, { recursive: true });
  const bareFile = join(dir, 'bench-bare-styles.mjs');
  await writeFile(bareFile, BARE_SERVER);
  const servers: Server[] = [];
  let grpcProject: ProjectGrpc | undefined;
  try {
    const [appPort, grpcPort] = [await freePort(), await freePort()];
    const appLog = join(work, 'app.log');
    const appEnv = node24Env({ NODE_ENV: 'production', PORT: String(appPort), GRPC_PORT: String(grpcPort), HOST: '127.0.0.1', LOG_LEVEL: 'info', RATE_LIMIT_MAX, DATABASE_URL: undefined, REDIS_URL: undefined, OTEL_EXPORTER_OTLP_ENDPOINT: undefined });
    const app = await startServer('generated app', ...(await scriptCommand(dir, 'start')), { cwd: dir, env: appEnv, port: appPort, readyPath: '/readyz', logFile: appLog });
    servers.push(app);

    const token = await devToken(dir);
    const created = await postNote(app.url, { title: 'Benchmark note', body: 'A note of ordinary size, read over and over by the load generator.' }, token);
    if (created.status !== 201) throw new Error(`POST /v1/notes answered ${created.status}: ${await created.text()}`);
    const note = (await created.json()) as RestNote;
    const headers = { authorization: `Bearer ${token}` };
    const query = JSON.stringify({ query: `{ note(id: "${note.id}") { id title body createdAt updatedAt } }` });
    const rest = { path: `/v1/notes/${note.id}`, headers };
    const graphql: LoadRequest = { path: '/graphql', method: 'POST', body: query, headers: { ...headers, 'content-type': 'application/json' } };

    grpcProject = await projectGrpc(dir);
    const { grpc, measure: loadGrpc } = grpcProject;
    const grpcGet: GrpcRequest = { method: grpcProject.get, request: { id: note.id }, metadata: headers };
    const appGrpc: GrpcServer = { address: `127.0.0.1:${grpcPort}`, pid: app.pid };
    // The app starts its gRPC server once the HTTP one listens: /readyz answering is not enough.
    await waitUntilGrpcAnswers(grpc, appGrpc.address, grpcGet, app.exited).catch(async (error: Error) => {
      throw new Error(`generated app ${error.message}; its output:\n${await logTail(appLog)}`);
    });

    const barePort = await freePort();
    const bare = await startServer('bare servers', 'node', [bareFile], {
      cwd: dir,
      env: node24Env({ PORT: String(barePort), BARE_NOTE: JSON.stringify(note) }),
      port: barePort,
      readyPath: rest.path,
      logFile: join(work, 'bare.log'),
    });
    servers.push(bare);
    const bareGrpc = await grpcProject.startBare(note, grpcGet, join(work, 'bare-grpc.log'));
    servers.push(bareGrpc);
    for (const request of [rest, graphql]) await sameBody(app, bare, request);
    await sameGrpcResponse(grpc, appGrpc, bareGrpc, grpcGet);

    const overHttp = (name: string, request: LoadRequest): Style => ({ name, run: (which, seconds) => measure(which === 'app' ? app : bare, request, seconds) });
    const styles: Style[] = [
      overHttp('REST `GET /v1/notes/:id`', rest),
      overHttp('GraphQL `note(id)`', graphql),
      { name: 'gRPC `NotesService/Get`', run: (which, seconds) => loadGrpc(which === 'app' ? appGrpc : bareGrpc, grpcGet, seconds) },
    ];

    const runs = new Map<string, { app: LoadRun[]; bare: LoadRun[] }>(styles.map((s) => [s.name, { app: [], bare: [] }]));
    for (const style of styles) {
      await style.run('bare', WARMUP_SECONDS);
      await style.run('app', WARMUP_SECONDS);
    }
    await alternatingRounds(ctx.rounds, styles, async (style, which) => void runs.get(style.name)![which].push(await style.run(which, RUN_SECONDS)));

    const rows: string[] = [];
    const headlines: string[] = [];
    const generator: string[] = [];
    for (const style of styles) {
      const { app: appRuns, bare: bareRuns } = runs.get(style.name)!;
      const [appSummary, bareSummary] = [summarize(appRuns), summarize(bareRuns)];
      const { row, ratio, cpuRatio } = versusBare(style.name, appSummary, bareSummary);
      const bound = [bareSummary.loadGeneratorCpu >= GENERATOR_BOUND ? 'bare' : '', appSummary.loadGeneratorCpu >= GENERATOR_BOUND ? 'app' : ''].filter(Boolean);
      rows.push(summaryRow(`${style.name}, bare`, bareSummary), summaryRow(`${style.name}, generated app`, appSummary));
      rows.push(row);
      const caveat = bound.length > 0 ? `; req/s of ${bound.join(' and ')} set by the load generator, CPU/request ${cpuRatio.toFixed(1)}x` : '';
      headlines.push(`${style.name.replace(/`/g, '')}: ${ratio.toFixed(2)}x bare (${appSummary.requestsPerSecond.toFixed(0)} vs ${bareSummary.requestsPerSecond.toFixed(0)} req/s${caveat})`);
      generator.push(`${style.name} ${percent(bareSummary.loadGeneratorCpu)} against bare, ${percent(appSummary.loadGeneratorCpu)} against the app`);
    }
    const node24 = await node24Version();
    return {
      title: 'API styles: one note read through each style',
      markdown: [
        `A project generated with \`${API_STYLES_FLAGS.join(' ')} --yes\` (embedded PGlite, memory cache, JWT), built and started with \`npm start\` (Node ${node24}, \`NODE_ENV=production\`, logs at \`info\` to a file, metrics, rate limiting with the limit raised to ${RATE_LIMIT_MAX}; spans are created but not exported, see the previous section for the cost of export); gRPC is plaintext HTTP/2 on a port of its own in the same process.`,
        `One note is created; then each style reads it with \`Authorization: Bearer <token>\` (a header, or gRPC metadata; verified by the app, ignored by the bare servers). The bare servers, each a process of its own with packages from the project's node_modules: fastify + mercurius with logger off, answering the same paths with byte-identical bodies; and @grpc/grpc-js whose \`Get\` answers with the same \`Note\` (the REST note's values, field for field; the project's \`${NOTES_PROTO}\` loaded by @grpc/proto-loader with the app's options; responses deep-equal as decoded). Both checked before loading.`,
        `Load: for REST and GraphQL, autocannon in the bench process (Node ${process.version}) with ${CONNECTIONS} connections; for gRPC, a closed loop of unary calls through @grpc/grpc-js from the project's node_modules in a Node ${node24} child process started for each run (when the bench process ran Node 20, the grpc-js client in it cost markedly more CPU per call and saturated a core before the servers did), which connects, loads ${GRPC_CHILD_WARMUP_SECONDS} s unmeasured to warm up, then runs: ${CONNECTIONS} calls in flight over ${GRPC_CHANNELS === 1 ? 'one channel (one HTTP/2 connection)' : `${GRPC_CHANNELS} channels (HTTP/2 connections)`}, request serialized once, responses not decoded. ${WARMUP_SECONDS} s warm-up per server and style, ${ctx.rounds} rounds of ${RUN_SECONDS} s runs per style and server, alternating the order every round; medians over rounds.`,
        `gRPC bytes/response is the serialized \`Note\` message alone (no HTTP/2 or gRPC framing); for REST and GraphQL it is everything autocannon read.`,
        `The load generators share the machine's cores with the servers; their CPU as each measured its own over the run (median, % of one core, all threads; the bench process for REST and GraphQL, the Node 24 child for gRPC): ${generator.join('; ')}. Near 100 % the generator, not the server, sets the req/s (and the ratio flatters the app); CPU µs/request is unaffected.`,
        '',
        ...SUMMARY_TABLE_HEAD,
        ...rows,
      ].join('\n'),
      headlines,
    };
  } finally {
    for (const server of servers.reverse()) await server.stop();
    await rm(bareFile, { force: true });
    await grpcProject?.cleanUp();
  }
}
