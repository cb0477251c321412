// `npm create groundwork@latest` against a local registry, then the default project installed,
// built, tested, booted under Node 24 and probed with real clients (fetch, promtool).
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { tempDir } from '../support/cli.js';
import { node24Env } from '../support/node24.js';
import { devToken, postNote, run as runCommand, scriptCommand } from '../support/project.js';
import { freePort, startProcess, type RunningProcess } from '../support/server.js';

let work: { path: string; cleanup(): Promise<void> };
let project: string;
let server: RunningProcess;
const registryEnv = inject('registryEnv');
const run = (command: string, args: string[], cwd: string, env: Record<string, string> = {}) => runCommand(command, args, cwd, { ...registryEnv, ...env });

beforeAll(async () => {
  work = await tempDir('gw-e2e-default-');
  // The literal user command (the machine's npmrc says yes=false, so npm itself needs --yes).
  await run('npm', ['--yes', 'create', 'groundwork@latest', 'my-api', '--', '--yes', '--no-git'], work.path);
  project = join(work.path, 'my-api');
});

afterAll(async () => {
  await server?.stop();
  await work?.cleanup();
});

describe('npm create groundwork@latest (default stack, from a local registry)', () => {
  it('installed its dependencies with npm and wrote a git-ignored dev secret', async () => {
    expect(existsSync(join(project, 'node_modules', 'fastify'))).toBe(true);
    expect(existsSync(join(project, 'package-lock.json'))).toBe(true);
    expect(await readFile(join(project, '.gitignore'), 'utf8')).toMatch(/^\.env$/m);
    // Every install script in its tree (esbuild, protobufjs) has an allowScripts entry: npm warns of none.
    expect(await run('npm', ['install', '--no-audit', '--no-fund'], project)).not.toMatch(/allowScripts|install-scripts/);
  });

  it('type-checks, builds and passes its own tests with no external services', async () => {
    await run('npm', ['run', 'typecheck'], project);
    await run('npm', ['run', 'build'], project);
    const output = await run('npm', ['test'], project, { DATABASE_URL: '', REDIS_URL: '' });
    expect(output).toMatch(/Tests\s+\d+ passed/);
  });

  it('boots with the embedded database and answers probes', async () => {
    const port = await freePort();
    server = await startProcess(...(await scriptCommand(project, 'start')), { cwd: project, port, env: node24Env({ ...registryEnv, PORT: String(port), HOST: '127.0.0.1', RATE_LIMIT_MAX: '30' }) });
    const live = await fetch(`${server.url}/livez`);
    expect(live.status).toBe(200);
    expect(live.headers.get('content-type')).toContain('application/health+json');
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'pass' });
  });

  it('serves /metrics that promtool accepts, with the request histogram by route template', async () => {
    await fetch(`${server.url}/v1/notes/00000000-0000-4000-8000-000000000000`);
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(/http_request_duration_seconds_bucket\{[^}]*route="\/v1\/notes\/:id"/);
    const promtool = await execa('promtool', ['check', 'metrics'], { input: text, reject: false });
    if (promtool.failed && (promtool as { code?: string }).code === 'ENOENT' && !process.env.CI) return; // CI installs promtool
    expect(`${promtool.stdout}${promtool.stderr}`.trim()).toBe('');
    expect(promtool.exitCode).toBe(0);
  });

  it('serves the notes API: writes need a token, reads carry ETags', async () => {
    const unauthorized = await postNote(server.url, { title: 't', body: 'b' });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('content-type')).toContain('application/problem+json');

    const created = await postNote(server.url, { title: 'Hello', body: 'From the e2e test' }, await devToken(project));
    expect(created.status).toBe(201);
    const note = (await created.json()) as { id: string; title: string };
    expect(note.title).toBe('Hello');

    const read = await fetch(`${server.url}/v1/notes/${note.id}`);
    expect(read.status).toBe(200);
    const etag = read.headers.get('etag');
    expect(etag).toBeTruthy();
    expect((await fetch(`${server.url}/v1/notes/${note.id}`, { headers: { 'if-none-match': etag! } })).status).toBe(304);

    const list = (await (await fetch(`${server.url}/v1/notes?limit=10`)).json()) as { items: { id: string }[] };
    expect(list.items.map((n) => n.id)).toContain(note.id);
    expect((await fetch(`${server.url}/openapi.json`)).status).toBe(200);
  });

  it('rate-limits per client with IETF headers and answers 429 with Retry-After', async () => {
    let last: Response | undefined;
    for (let i = 0; i < 40; i++) {
      last = await fetch(`${server.url}/v1/notes`);
      if (last.status === 429) break;
      expect(last.headers.get('ratelimit-policy')).toMatch(/q=30/);
      expect(last.headers.get('ratelimit')).toMatch(/r=\d+/);
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last!.headers.get('content-type')).toContain('application/problem+json');
    expect((await fetch(`${server.url}/livez`)).status).toBe(200); // probes are exempt
  });

  it('shuts down gracefully on SIGTERM with exit code 0', async () => {
    expect(await server.stop()).toBe(0);
  });

  it('groundwork add cache redis keeps user edits, then the project still builds and passes its tests', async () => {
    const readme = join(project, 'README.md');
    await writeFile(readme, `${await readFile(readme, 'utf8')}\n## Our team notes\nOwned by the payments team.\n`);
    const modulesTs = join(project, 'src/modules.ts');
    await writeFile(modulesTs, `// Keep this list short.\n${await readFile(modulesTs, 'utf8')}`);
    // The command the README and the CLI suggest: the project's own script, never `npx groundwork`.
    await run('npm', ['run', 'groundwork', '--', 'add', 'cache', 'redis'], project);
    expect(await readFile(readme, 'utf8')).toContain('Owned by the payments team.');
    expect(await readFile(modulesTs, 'utf8')).toMatch(/^\/\/ Keep this list short\.\n[\s\S]*cacheRedis,/);
    await run('npm', ['run', 'typecheck'], project);
    await run('npm', ['run', 'build'], project);
    await run('npm', ['test'], project, { DATABASE_URL: '', REDIS_URL: '' });
  });
});
