// The create path without install, and `groundwork add` on a project whose files the user edited.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashContents } from '../../src/compose/hash.js';
import { createGroundwork, groundwork, snapshot, tempDir } from '../support/cli.js';

let dir: { path: string; cleanup(): Promise<void> };
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(() => dir.cleanup());

describe('create-groundwork', () => {
  it('--dry-run --json lists the files and writes nothing', async () => {
    const result = await createGroundwork(['dry', '--yes', '--dry-run', '--json'], dir.path);
    expect(result.exitCode).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ name: 'dry', dryRun: true, stack: { api: ['rest'], db: ['postgres'], cache: ['memory'], auth: ['jwt'], queue: ['none'] } });
    expect(summary.files).toEqual(expect.arrayContaining(['package.json', 'groundwork.json', 'src/modules.ts', '.env.example']));
    expect(await snapshot(dir.path)).toEqual({});
  });

  it('without a TTY and without --yes takes the defaults and says so', async () => {
    const result = await createGroundwork(['quiet', '--db', 'none', '--dry-run'], dir.path);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('No terminal to ask in, so defaults were taken: --api rest --cache memory --auth jwt --queue none');
  });

  it('brings in the Redis connection for bullmq and says so', async () => {
    const result = await createGroundwork(['jobs', '--yes', '--queue', 'bullmq', '--dry-run', '--json'], dir.path);
    const summary = JSON.parse(result.stdout);
    expect(summary.modules).toContain('connection/redis');
    expect(summary.notes).toContain('Redis connection comes with queue/bullmq.');
  });

  it('writes a project whose groundwork.json hashes every generated file, plus a git-ignored .env with a dev secret', async () => {
    const result = await createGroundwork(['app', '--yes', '--no-install', '--no-git', '--json'], dir.path);
    expect(result.exitCode).toBe(0);
    const project = join(dir.path, 'app');
    const record = JSON.parse(await readFile(join(project, 'groundwork.json'), 'utf8'));
    for (const [path, hash] of Object.entries(record.files)) {
      expect(hashContents(await readFile(join(project, path), 'utf8')), path).toBe(hash);
    }
    expect(await readFile(join(project, '.env'), 'utf8')).toMatch(/^JWT_SECRET=[\w-]{43}$/m);
    expect(Object.keys(record.files)).not.toContain('.env');
    const info = await groundwork(['info', '--json'], project);
    expect(JSON.parse(info.stdout)).toMatchObject({ name: 'app', edited: [], missing: [] });
  });
});

describe('groundwork add', () => {
  it('refuses to run outside a project, and unknown or present modules', async () => {
    const outside = await groundwork(['add', 'cache', 'redis'], dir.path);
    expect(outside.exitCode).toBe(1);
    expect(outside.stderr).toContain('is not a groundwork project (no groundwork.json)');
    const project = join(dir.path, 'app');
    const before = await snapshot(project);
    const unknownCategory = await groundwork(['add', 'colour', 'red'], project);
    expect(unknownCategory.exitCode).toBe(2);
    expect(unknownCategory.stderr).toContain('Unknown category "colour". Accepted categories: api, db, cache, auth, queue.');
    const unknownOption = await groundwork(['add', 'cache', 'memcached'], project);
    expect(unknownOption.stderr).toContain('Unknown value "memcached" for --cache. Accepted: memory, redis, none.');
    const present = await groundwork(['add', 'cache', 'memory'], project);
    expect(present.exitCode).toBe(1);
    expect(present.stderr).toContain('cache memory is already in this project.');
    expect(await snapshot(project)).toEqual(before);
  });

  it('adds a module to a project the user edited: additions merged, user lines kept', async () => {
    const project = join(dir.path, 'app');
    const modulesTs = join(project, 'src/modules.ts');
    const edited = `// registered by hand below\n${await readFile(modulesTs, 'utf8')}`;
    await writeFile(modulesTs, edited);
    const pkgPath = join(project, 'package.json');
    const pkg = JSON.parse(await readFile(pkgPath, 'utf8'));
    pkg.scripts.lint = 'eslint .';
    await writeFile(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);

    const result = await groundwork(['add', 'queue', 'bullmq', '--no-install', '--json'], project);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.merged).toEqual(expect.arrayContaining(['package.json', 'src/modules.ts']));
    expect(summary.implied).toEqual(['Redis connection']);

    const after = await readFile(modulesTs, 'utf8');
    expect(after.startsWith('// registered by hand below\n')).toBe(true);
    expect(after).toContain('  queueBullmq,');
    const merged = JSON.parse(await readFile(pkgPath, 'utf8'));
    expect(merged.scripts.lint).toBe('eslint .');
    expect(merged.scripts.worker).toBeDefined();
    expect(merged.dependencies.bullmq).toBeDefined();
    expect(merged.dependencies.ioredis).toBeDefined();
    const record = JSON.parse(await readFile(join(project, 'groundwork.json'), 'utf8'));
    expect(record.stack.queue).toEqual(['bullmq']);
    expect(record.modules).toContain('connection/redis');
  });

  it('adds an API style beside REST in the edited project: both registered, its settings and docs added', async () => {
    const project = join(dir.path, 'app');
    const result = await groundwork(['add', 'api', 'websocket', '--no-install', '--json'], project);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const modulesTs = await readFile(join(project, 'src/modules.ts'), 'utf8');
    expect(modulesTs.startsWith('// registered by hand below\n')).toBe(true);
    expect(modulesTs).toContain('  apiRest,');
    expect(modulesTs).toContain('  apiWebsocket,');
    expect(modulesTs).toContain('  queueBullmq,');
    const pkg = JSON.parse(await readFile(join(project, 'package.json'), 'utf8'));
    expect(pkg.scripts.lint).toBe('eslint .');
    expect(pkg.dependencies['@fastify/websocket']).toBeDefined();
    expect(pkg.devDependencies.ws).toBeDefined();
    expect(await readFile(join(project, 'src/modules/transport-websocket/env.ts'), 'utf8')).toContain('WS_MAX_BUFFERED_BYTES');
    expect(await readFile(join(project, 'README.md'), 'utf8')).toContain('### WebSocket API');
    expect(await readFile(join(project, '.env.example'), 'utf8')).toContain('WS_HEARTBEAT_SECONDS');
    const record = JSON.parse(await readFile(join(project, 'groundwork.json'), 'utf8'));
    expect(record.stack.api).toEqual(['rest', 'websocket']);
    expect(record.modules).toContain('transport/websocket');
    expect(await groundwork(['add', 'api', 'websocket'], project)).toMatchObject({ exitCode: 1 });
  });

  it('adds GraphQL next to the WebSocket API, sharing its WebSocket server', async () => {
    const project = join(dir.path, 'app');
    const result = await groundwork(['add', 'api', 'graphql', '--no-install', '--json'], project);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const modulesTs = await readFile(join(project, 'src/modules.ts'), 'utf8');
    expect(modulesTs.startsWith('// registered by hand below\n')).toBe(true);
    expect(modulesTs.match(/^ {2}transportWebsocket,$/gm)).toHaveLength(1);
    expect(modulesTs).toContain('  apiGraphql,');
    const pkg = JSON.parse(await readFile(join(project, 'package.json'), 'utf8'));
    expect(pkg.dependencies).toMatchObject({ mercurius: expect.any(String), graphql: expect.any(String) });
    expect(pkg.devDependencies['graphql-ws']).toBeDefined();
    expect(await readFile(join(project, 'README.md'), 'utf8')).toContain('### GraphQL API');
    const record = JSON.parse(await readFile(join(project, 'groundwork.json'), 'utf8'));
    expect(record.stack.api).toEqual(['rest', 'graphql', 'websocket']);
  });

  it('adds gRPC: proto, typed stubs, its port in the image and compose file, beside the other styles', async () => {
    const project = join(dir.path, 'app');
    const result = await groundwork(['add', 'api', 'grpc', '--no-install', '--json'], project);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const modulesTs = await readFile(join(project, 'src/modules.ts'), 'utf8');
    expect(modulesTs.startsWith('// registered by hand below\n')).toBe(true);
    for (const name of ['apiRest', 'apiGraphql', 'apiGrpc', 'apiWebsocket']) expect(modulesTs).toContain(`  ${name},`);
    expect(await readFile(join(project, 'proto/notes/v1/notes.proto'), 'utf8')).toContain('service NotesService');
    expect(await readFile(join(project, 'src/modules/api-grpc/generated/notes/v1/NotesService.ts'), 'utf8')).toContain('export interface NotesServiceHandlers');
    const pkg = JSON.parse(await readFile(join(project, 'package.json'), 'utf8'));
    expect(pkg.scripts['proto:generate']).toContain('generate-stubs.ts');
    expect(pkg.scripts.lint).toBe('eslint .');
    expect(pkg.dependencies).toMatchObject({ '@grpc/grpc-js': expect.any(String), 'grpc-health-check': expect.any(String), '@grpc/reflection': expect.any(String) });
    expect(await readFile(join(project, 'Dockerfile'), 'utf8')).toMatch(/^EXPOSE 3000 50051$/m);
    expect(await readFile(join(project, 'Dockerfile'), 'utf8')).toContain('COPY --chown=node:node proto ./proto');
    expect(await readFile(join(project, 'docker-compose.yml'), 'utf8')).toContain('${GRPC_PORT:-50051}:50051');
    expect(await readFile(join(project, '.env.example'), 'utf8')).toContain('GRPC_PORT');
    const record = JSON.parse(await readFile(join(project, 'groundwork.json'), 'utf8'));
    expect(record.stack.api).toEqual(['rest', 'graphql', 'grpc', 'websocket']);
  });

  it('stops with a manual step and writes nothing when an edit cannot be merged', async () => {
    const project = join(dir.path, 'app');
    const modulesTs = join(project, 'src/modules.ts');
    // Replace the generated list wholesale: the new registration has no place to go.
    await writeFile(modulesTs, "import type { AppModule } from './core/context.js';\nexport const modules: AppModule[] = [];\n");
    const before = await snapshot(project);
    const result = await groundwork(['add', 'cache', 'redis', '--no-install'], project);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('Cannot add cache redis: 1 file(s) you changed need a manual step. Nothing was written.');
    expect(result.stderr).toContain('src/modules.ts: you edited src/modules.ts');
    expect(result.stderr).toContain('+   cacheRedis,');
    expect(await snapshot(project)).toEqual(before);
  });
});
