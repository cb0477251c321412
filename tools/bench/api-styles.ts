// Reading one note through each API style of the same generated app, each beside a bare server
// answering the same request with the same body: REST `GET /v1/notes/:id` against bare Fastify, GraphQL
// `note(id)` against bare Fastify + mercurius with the same type. Everything in the app is on (logs,
// metrics, rate limit, token verification) except trace export, which the "app" part measures.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { node24Env, node24Version } from '../../test/support/node24.js';
import { devToken, postNote, scriptCommand } from '../../test/support/project.js';
import { freePort } from '../../test/support/server.js';
import { API_STYLES_FLAGS, apiStylesProject } from './default-project.js';
import { CONNECTIONS, measure, RUN_SECONDS, startServer, summarize, summaryRow, WARMUP_SECONDS, type LoadRequest, type LoadRun, type Server } from './load.js';
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

interface Style {
  name: string;
  request: LoadRequest;
}

async function sameBody(app: Server, bare: Server, request: LoadRequest): Promise<string> {
  const init = { method: request.method ?? 'GET', headers: request.headers, body: request.body };
  const [fromApp, fromBare] = await Promise.all([app, bare].map(async (s) => (await fetch(`${s.url}${request.path}`, init)).text()));
  if (fromApp !== fromBare) throw new Error(`${request.path}: the bare server's body differs from the app's:\n${fromBare}\n${fromApp}`);
  return fromApp!;
}

export async function benchApiStyles(ctx: BenchContext): Promise<BenchSection> {
  const { dir } = await apiStylesProject(ctx);
  const work = join(ctx.work, 'api-styles');
  await mkdir(work, { recursive: true });
  const bareFile = join(dir, 'bench-bare-styles.mjs');
  await writeFile(bareFile, BARE_SERVER);
  const servers: Server[] = [];
  try {
    const appPort = await freePort();
    const appEnv = node24Env({ NODE_ENV: 'production', PORT: String(appPort), HOST: '127.0.0.1', LOG_LEVEL: 'info', RATE_LIMIT_MAX, DATABASE_URL: undefined, REDIS_URL: undefined, OTEL_EXPORTER_OTLP_ENDPOINT: undefined });
    const app = await startServer('generated app', ...(await scriptCommand(dir, 'start')), { cwd: dir, env: appEnv, port: appPort, readyPath: '/readyz', logFile: join(work, 'app.log') });
    servers.push(app);

    const token = await devToken(dir);
    const created = await postNote(app.url, { title: 'Benchmark note', body: 'A note of ordinary size, read over and over by the load generator.' }, token);
    if (created.status !== 201) throw new Error(`POST /v1/notes answered ${created.status}: ${await created.text()}`);
    const note = (await created.json()) as { id: string };
    const headers = { authorization: `Bearer ${token}` };
    const query = JSON.stringify({ query: `{ note(id: "${note.id}") { id title body createdAt updatedAt } }` });
    const styles: Style[] = [
      { name: 'REST `GET /v1/notes/:id`', request: { path: `/v1/notes/${note.id}`, headers } },
      { name: 'GraphQL `note(id)`', request: { path: '/graphql', method: 'POST', body: query, headers: { ...headers, 'content-type': 'application/json' } } },
    ];

    const barePort = await freePort();
    const bare = await startServer('bare servers', 'node', [bareFile], {
      cwd: dir,
      env: node24Env({ PORT: String(barePort), BARE_NOTE: JSON.stringify(note) }),
      port: barePort,
      readyPath: styles[0]!.request.path,
      logFile: join(work, 'bare.log'),
    });
    servers.push(bare);
    for (const style of styles) await sameBody(app, bare, style.request);

    const runs = new Map<string, { app: LoadRun[]; bare: LoadRun[] }>(styles.map((s) => [s.name, { app: [], bare: [] }]));
    for (const style of styles) {
      await measure(bare, style.request, WARMUP_SECONDS);
      await measure(app, style.request, WARMUP_SECONDS);
    }
    for (let round = 0; round < ctx.rounds; round++) {
      for (const style of round % 2 === 0 ? styles : [...styles].reverse()) {
        const order = round % 2 === 0 ? (['bare', 'app'] as const) : (['app', 'bare'] as const);
        for (const which of order) runs.get(style.name)![which].push(await measure(which === 'bare' ? bare : app, style.request, RUN_SECONDS));
      }
    }

    const rows: string[] = [];
    const headlines: string[] = [];
    for (const style of styles) {
      const { app: appRuns, bare: bareRuns } = runs.get(style.name)!;
      const [appSummary, bareSummary] = [summarize(appRuns), summarize(bareRuns)];
      const ratio = appSummary.requestsPerSecond / bareSummary.requestsPerSecond;
      rows.push(summaryRow(`${style.name}, bare`, bareSummary), summaryRow(`${style.name}, generated app`, appSummary));
      rows.push(`| **${style.name}: generated / bare** | **${ratio.toFixed(2)}x** | | | | ${(appSummary.cpuMicrosPerRequest / bareSummary.cpuMicrosPerRequest).toFixed(1)}x | |`);
      headlines.push(`${style.name.replace(/`/g, '')}: ${ratio.toFixed(2)}x bare (${appSummary.requestsPerSecond.toFixed(0)} vs ${bareSummary.requestsPerSecond.toFixed(0)} req/s)`);
    }
    return {
      title: 'API styles: one note read through each style',
      markdown: [
        `A project generated with \`${API_STYLES_FLAGS.join(' ')} --yes\` (embedded PGlite, memory cache, JWT), built and started with \`npm start\` (Node ${await node24Version()}, \`NODE_ENV=production\`, logs at \`info\` to a file, metrics, rate limiting with the limit raised to ${RATE_LIMIT_MAX}; spans are created but not exported, see the previous section for the cost of export).`,
        `One note is created; then each style reads it with \`Authorization: Bearer <token>\` (verified by the app, ignored by the bare servers). The bare server is fastify + mercurius from the project's node_modules with logger off, answering the same paths with byte-identical bodies (checked before loading).`,
        `Load: autocannon, ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up per server and style, ${ctx.rounds} rounds of ${RUN_SECONDS} s runs per style and server, alternating the order every round; medians over rounds.`,
        '',
        '| server | req/s | p50 ms | p99 ms | server CPU | CPU µs/request | bytes/response |',
        '|---|---:|---:|---:|---:|---:|---:|',
        ...rows,
      ].join('\n'),
      headlines,
    };
  } finally {
    for (const server of servers.reverse()) await server.stop();
    await rm(bareFile, { force: true });
  }
}
