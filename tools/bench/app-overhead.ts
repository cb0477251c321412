// What the generated app's production wiring costs per request: the default project, built and started
// as `npm start` runs it with logs, metrics, traces (exported) and rate limiting on, against a bare
// Fastify server answering the same route with the same body, loaded alternately by autocannon.
import { createReadStream } from 'node:fs';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { node24Env, node24Version } from '../../test/support/node24.js';
import { devToken, postNote, scriptCommand } from '../../test/support/project.js';
import { freePort } from '../../test/support/server.js';
import { defaultProject } from './default-project.js';
import { alternatingRounds, CONNECTIONS, measure, RUN_SECONDS, startServer, summarize, summaryRow, WARMUP_SECONDS, type LoadRun, type Server, type Summary } from './load.js';
import type { BenchContext, BenchSection } from './section.js';

const TARGET_RATIO = 0.75;
/** Far above what one process can serve in a run, so no request of the run is rejected. */
const RATE_LIMIT_MAX = '1000000000';

/** Same route, same body, fastify from the generated project's node_modules, logger off, nothing else. */
const BARE_SERVER = `import Fastify from 'fastify';
const body = JSON.parse(process.env.BARE_BODY);
const app = Fastify({ logger: false });
app.get('/v1/notes/:id', async () => body);
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
`;

/** Accepts OTLP/HTTP exports (JSON or gzip'd JSON) with 200 and counts them; GET /stats reports. */
const OTLP_SINK = `import { createServer } from 'node:http';
import { gunzipSync } from 'node:zlib';
const stats = { exports: 0, spans: 0, bytes: 0, contentTypes: [] };
const countSpans = (text) => { let n = 0, i = 0; while ((i = text.indexOf('"spanId"', i) + 1) > 0) n++; return n; };
createServer((req, res) => {
  if (req.method === 'GET') return res.end(JSON.stringify(stats));
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let body = Buffer.concat(chunks);
    if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
    const type = req.headers['content-type'] ?? '';
    if (!stats.contentTypes.includes(type)) stats.contentTypes.push(type);
    stats.exports++; stats.bytes += body.length; stats.spans += countSpans(body.toString());
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
}).listen(Number(process.argv[2]), '127.0.0.1');
`;

interface SinkStats {
  exports: number;
  spans: number;
  bytes: number;
  contentTypes: string[];
}

async function sinkStats(url: string): Promise<SinkStats> {
  return (await (await fetch(`${url}/stats`)).json()) as SinkStats;
}

/** How many GET /v1/notes/:id requests the app's own histogram counted. */
async function countedByMetrics(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('http_request_duration_seconds_count{') && l.includes('route="/v1/notes/:id"') && l.includes('status_code="200"'));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

/** Request log lines in the app's log file (streamed: it grows to hundreds of MB), and the last one parsed. */
async function requestLogLines(logFile: string): Promise<{ lines: number; last: Record<string, unknown> | undefined }> {
  let lines = 0;
  let last: string | undefined;
  for await (const line of createInterface({ input: createReadStream(logFile), crlfDelay: Infinity })) {
    if (!line.includes('"msg":"request completed"')) continue;
    lines += 1;
    last = line;
  }
  return { lines, last: last === undefined ? undefined : (JSON.parse(last) as Record<string, unknown>) };
}

interface Evidence {
  requests: number;
  countedByMetrics: number;
  logLines: number;
  lastLogLine: Record<string, unknown> | undefined;
  logBytes: number;
  sink: SinkStats;
  rateLimitHeader: string | null;
  bodyBytes: number;
}

function renderMarkdown(nodeVersion: string, rounds: number, bare: Summary, app: Summary, evidence: Evidence): string {
  const ratio = app.requestsPerSecond / bare.requestsPerSecond;
  const last = evidence.lastLogLine ?? {};
  const ids = ['request_id', 'trace_id', 'span_id'].filter((key) => typeof last[key] === 'string');
  return [
    `The generated default app (\`create-groundwork --yes\`: REST, PostgreSQL via embedded PGlite, memory cache, JWT) was built with \`npm run build\` and started with its \`npm start\` command line (\`sh -c "exec <start script>"\`, Node ${nodeVersion}, \`NODE_ENV=production\`) with everything on:`,
    `logs at \`info\` written to a file (${evidence.logLines} request lines, ${(evidence.logBytes / 1e6).toFixed(0)} MB; the last one carries ${ids.length > 0 ? ids.map((id) => `\`${id}\``).join(', ') : 'no correlation ids (unexpected)'}),`,
    `Prometheus metrics (the route's histogram counted ${evidence.countedByMetrics} reads with status 200; autocannon recorded ${evidence.requests} completed ones, warm-up included, not counting those in flight when a run stopped),`,
    `traces exported over OTLP/HTTP (the generated \`src/telemetry.ts\` with \`OTEL_EXPORTER_OTLP_ENDPOINT\` set, default BatchSpanProcessor) to a small node process on the same machine that answers 200 and counts what it receives:`,
    `${evidence.sink.exports} exports, ${evidence.sink.spans} spans (${(evidence.sink.spans / evidence.logLines).toFixed(2)} per logged request), ${(evidence.sink.bytes / 1e6).toFixed(1)} MB of ${evidence.sink.contentTypes.map((t) => `\`${t}\``).join(', ') || 'nothing'},`,
    `and rate limiting on every request (limit raised to ${RATE_LIMIT_MAX} per window so none is rejected; response header \`RateLimit: ${evidence.rateLimitHeader ?? 'missing'}\`).`,
    '',
    `The baseline is a bare Fastify server (same fastify from the project's node_modules, logger off, no plugins) answering \`GET /v1/notes/:id\` with the same ${evidence.bodyBytes}-byte JSON body the app returns.`,
    `One note is created with \`POST /v1/notes\` and a token from \`npm run token\`; both servers are then loaded with \`GET /v1/notes/<id>\` carrying \`Authorization: Bearer <token>\` (the app verifies it on every request; the bare server ignores it).`,
    `Load: autocannon in the bench process, ${CONNECTIONS} connections, no pipelining, ${WARMUP_SECONDS} s warm-up per server, then ${rounds} rounds of ${RUN_SECONDS} s runs alternating bare and app (order swapped every round), same machine (2 cores shared by load generator, server and sink).`,
    'Latency percentiles are computed from every 2xx response time autocannon reports; figures are medians over rounds; CPU is the server process\' user+system time during a run.',
    '',
    '| server | req/s | p50 ms | p99 ms | server CPU | CPU µs/request | bytes/response |',
    '|---|---:|---:|---:|---:|---:|---:|',
    summaryRow('bare Fastify', bare),
    summaryRow('generated app', app),
    '',
    `**Generated / bare: ${ratio.toFixed(2)}x req/s** (target ≥ ${TARGET_RATIO}x: ${ratio >= TARGET_RATIO ? 'met' : 'not met'}); p50 ${(app.p50Ms / bare.p50Ms).toFixed(2)}x, p99 ${(app.p99Ms / bare.p99Ms).toFixed(2)}x;`,
    `CPU per request ${(app.cpuMicrosPerRequest / bare.cpuMicrosPerRequest).toFixed(1)}x (the figure least sensitive to other load on the machine).`,
  ].join('\n');
}

export async function benchAppOverhead(ctx: BenchContext): Promise<BenchSection> {
  const { dir } = await defaultProject(ctx);
  const work = join(ctx.work, 'app-overhead');
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  const sinkFile = join(work, 'otlp-sink.mjs');
  const bareFile = join(dir, 'bench-bare-fastify.mjs');
  await writeFile(sinkFile, OTLP_SINK);
  await writeFile(bareFile, BARE_SERVER);

  const servers: Server[] = [];
  try {
    const sinkPort = await freePort();
    const sinkLog = join(work, 'otlp-sink.log');
    const sink = await startServer('OTLP sink', process.execPath, [sinkFile, String(sinkPort)], { cwd: work, env: process.env, port: sinkPort, readyPath: '/stats', logFile: sinkLog });
    servers.push(sink);

    const appPort = await freePort();
    const appLog = join(work, 'app.log');
    const appEnv = node24Env({
      NODE_ENV: 'production',
      PORT: String(appPort),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      RATE_LIMIT_MAX,
      OTEL_EXPORTER_OTLP_ENDPOINT: sink.url,
      DATABASE_URL: undefined,
      REDIS_URL: undefined,
    });
    const app = await startServer('generated app', ...(await scriptCommand(dir, 'start')), { cwd: dir, env: appEnv, port: appPort, readyPath: '/readyz', logFile: appLog });
    servers.push(app);

    const token = await devToken(dir);
    const created = await postNote(app.url, { title: 'Benchmark note', body: 'A note of ordinary size, read over and over by the load generator.' }, token);
    if (created.status !== 201) throw new Error(`POST /v1/notes answered ${created.status}: ${await created.text()}`);
    const { id } = (await created.json()) as { id: string };
    const path = `/v1/notes/${id}`;
    const headers = { authorization: `Bearer ${token}` };
    const read = { path, headers };
    const sample = await fetch(`${app.url}${path}`, { headers });
    const body = await sample.text();
    if (sample.status !== 200) throw new Error(`GET ${path} answered ${sample.status}: ${body}`);

    const barePort = await freePort();
    const bare = await startServer('bare Fastify', 'node', [bareFile], { cwd: dir, env: node24Env({ PORT: String(barePort), BARE_BODY: body }), port: barePort, readyPath: path, logFile: join(work, 'bare.log') });
    servers.push(bare);
    const bareSample = await (await fetch(`${bare.url}${path}`)).text();
    if (bareSample !== body) throw new Error(`the bare server's body differs from the app's:\n${bareSample}\n${body}`);

    let appRequests = 1; // the sample read above
    await measure(bare, read, WARMUP_SECONDS);
    appRequests += (await measure(app, read, WARMUP_SECONDS)).requests;
    const bareRuns: LoadRun[] = [];
    const appRuns: LoadRun[] = [];
    await alternatingRounds(ctx.rounds, [read], async (request, which) => void (which === 'bare' ? bareRuns : appRuns).push(await measure(which === 'bare' ? bare : app, request, RUN_SECONDS)));
    appRequests += appRuns.reduce((sum, r) => sum + r.requests, 0);

    const counted = await countedByMetrics(app.url);
    // Stopping the app flushes the spans still queued (graceful shutdown runs sdk.shutdown()).
    await app.stop();
    const logs = await requestLogLines(appLog);
    const evidence: Evidence = {
      requests: appRequests,
      countedByMetrics: counted,
      logLines: logs.lines,
      lastLogLine: logs.last,
      logBytes: (await stat(appLog)).size,
      sink: await sinkStats(sink.url),
      rateLimitHeader: sample.headers.get('ratelimit'),
      bodyBytes: Buffer.byteLength(body),
    };
    await rm(appLog, { force: true }); // hundreds of MB; the figures above are what it showed

    const bareSummary = summarize(bareRuns);
    const appSummary = summarize(appRuns);
    const ratio = appSummary.requestsPerSecond / bareSummary.requestsPerSecond;
    return {
      title: 'Request overhead of the generated app',
      markdown: renderMarkdown(await node24Version(), ctx.rounds, bareSummary, appSummary, evidence),
      headlines: [
        `default app: ${ratio.toFixed(2)}x bare Fastify req/s (${appSummary.requestsPerSecond.toFixed(0)} vs ${bareSummary.requestsPerSecond.toFixed(0)}; p99 ${appSummary.p99Ms.toFixed(1)} vs ${bareSummary.p99Ms.toFixed(1)} ms)`,
      ],
    };
  } finally {
    for (const server of servers.reverse()) await server.stop();
    await rm(bareFile, { force: true });
  }
}
