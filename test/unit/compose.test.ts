import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { templatesDir } from '../../src/paths.js';
import type { ModuleManifest, Stack } from '../../src/catalog/types.js';
import { compose, fieldExtender } from '../../src/compose/compose.js';
import { composeStack } from '../../src/compose/compose-stack.js';
import { hashContents } from '../../src/compose/hash.js';
import { renderDockerCompose } from '../../src/compose/outputs/docker-compose.js';
import { envSpecPath, renderEnvExample, renderEnvSpec } from '../../src/compose/outputs/env.js';
import { renderPackageJson } from '../../src/compose/outputs/package-json.js';
import { resolveModules } from '../../src/compose/resolve.js';
import { precompileFile, precompileSpec } from '../../src/compose/precompile.js';
import { outputPath, type RawTemplateFile } from '../../src/compose/template-files.js';
import type { TemplateSource } from '../../src/compose/template-source.js';
import { SAMPLE_RESOURCE, type ResourceSpec } from '../../src/resources/resource.js';
import { fieldView } from '../../src/resources/view.js';

const stack = { api: ['rest'], db: ['none'], cache: ['redis'], auth: ['none'], queue: ['bullmq'] };

const byModule = (files: Record<string, RawTemplateFile[]>) => new Map(Object.entries(files).map(([id, list]) => [id, list.map(precompileFile)]));
type PerUnit = { jobFiles?: Record<string, RawTemplateFile[]>; routeFiles?: Record<string, RawTemplateFile[]> };
const source = (files: Record<string, RawTemplateFile[]> = {}, resourceFiles: Record<string, RawTemplateFile[]> = {}, units: PerUnit = {}): TemplateSource => ({
  files: byModule(files),
  resourceFiles: byModule(resourceFiles),
  jobFiles: byModule(units.jobFiles ?? {}),
  routeFiles: byModule(units.routeFiles ?? {}),
  readme: new Map([['cache/redis', precompileSpec('## Cache in {{projectName}}')]]),
  versions: JSON.parse(readFileSync(join(templatesDir, 'versions.json'), 'utf8')) as Record<string, string>,
});

describe('resolveModules', () => {
  it('puts base first and a shared requirement once, before the modules needing it', () => {
    const { modules, implied } = resolveModules(stack);
    const ids = modules.map((m) => m.id);
    expect(ids[0]).toBe('base');
    expect(ids.filter((id) => id === 'connection/redis')).toHaveLength(1);
    expect(ids.indexOf('connection/redis')).toBeLessThan(ids.indexOf('cache/redis'));
    expect(implied).toEqual([{ id: 'connection/redis', title: 'Redis connection', by: ['cache/redis', 'queue/bullmq'] }]);
  });
});

describe('compose', () => {
  const input = (files = {}, resourceFiles = {}, resources: ResourceSpec[] = [SAMPLE_RESOURCE]) => ({
    projectName: 'shop-api',
    stack,
    resources,
    generatorVersion: '9.9.9',
    source: source(files, resourceFiles),
  });

  it('renders .hbs fragments with the project context and copies the rest verbatim', () => {
    const { files } = compose(
      input({
        base: [
          { path: 'README.md', contents: '# {{projectName}}\n<!-- groundwork:modules -->\n', render: true },
          { path: '.github/ci.yml', contents: 'run: ${{ matrix.node }}\n', render: false },
        ],
      }),
    );
    expect(files.get('README.md')).toBe('# shop-api\n## Cache in shop-api\n');
    expect(files.get('.github/ci.yml')).toBe('run: ${{ matrix.node }}\n');
  });

  it('fails loudly on an unknown template variable and on two modules writing one path', () => {
    expect(() => compose(input({ base: [{ path: 'a.txt', contents: '{{nope}}', render: true }] }))).toThrow('Template base/a.txt');
    expect(() =>
      compose(input({ base: [{ path: 'a.txt', contents: 'x', render: false }], 'cache/redis': [{ path: 'a.txt', contents: 'y', render: false }] })),
    ).toThrow('Modules base and cache/redis both write a.txt');
  });

  it('is deterministic and records a hash of every file it returns', () => {
    const first = compose(input());
    const second = compose(input());
    expect([...first.files]).toEqual([...second.files]);
    const record = JSON.parse(first.files.get('groundwork.json')!);
    expect(record).toMatchObject({ generator: 'create-groundwork', version: '9.9.9', name: 'shop-api', stack, resources: [SAMPLE_RESOURCE] });
    for (const [path, contents] of first.files) {
      if (path !== 'groundwork.json') expect(record.files[path], path).toBe(hashContents(contents));
    }
  });

  it('registers modules in src/modules.ts in dependency order: adapters, the default ports, the features, then the APIs', () => {
    const modulesTs = compose(input()).files.get('src/modules.ts')!;
    const [connection, db, cache, queue, defaults, features, api] = ['connectionRedis', 'dbMemory', 'cacheRedis', 'queueBullmq', 'defaultPorts', 'features', 'apiRest'].map(
      (name) => modulesTs.indexOf(`  ${name},`),
    );
    expect([connection, db, cache, queue, defaults, features, api].every((index) => index! > 0)).toBe(true);
    expect(connection).toBeLessThan(cache!);
    expect(connection).toBeLessThan(queue!);
    for (const adapter of [db, cache, queue]) expect(adapter).toBeLessThan(defaults!);
    expect(defaults).toBeLessThan(features!);
    expect(features).toBeLessThan(api!);
    expect(modulesTs).toContain("import features from './features/index.js';");
  });

  it('renders resource/ templates once per resource, with path tokens, and gives files/ the resource list', () => {
    const invoices: ResourceSpec = { name: 'lineItems', fields: [{ name: 'dueDate', type: 'datetime', optional: true }, { name: 'note', type: 'ref', optional: false, ref: 'notes' }] };
    const { files, groundwork } = compose(
      input(
        { base: [{ path: 'src/features/index.ts', contents: '{{#each resources}}{{plural}};{{/each}}', render: true }] },
        {
          base: [
            { path: 'src/features/__pluralKebab__/model.ts', contents: '{{resource.Singular}}:{{#each resource.fields}} {{key}}/{{keySnake}}{{#if optional}}?{{/if}}{{/each}}', render: true },
            { path: 'proto/__pluralSnake__/copied.txt', contents: '{{not rendered}}', render: false },
          ],
        },
        [SAMPLE_RESOURCE, invoices],
      ),
    );
    expect(files.get('src/features/index.ts')).toBe('notes;lineItems;');
    expect(files.get('src/features/notes/model.ts')).toBe('Note: title/title body/body');
    expect(files.get('src/features/line-items/model.ts')).toBe('LineItem: dueDate/due_date? noteId/note_id');
    expect(files.get('proto/line_items/copied.txt')).toBe('{{not rendered}}');
    expect(groundwork.resources.map((r) => r.name)).toEqual(['notes', 'lineItems']);
    // No resources at all: the per-resource templates render nothing, the aggregated ones an empty list.
    const empty = compose(input({ base: [{ path: 'src/features/index.ts', contents: '[{{#each resources}}{{plural}}{{/each}}]', render: true }] }, {}, []));
    expect(empty.files.get('src/features/index.ts')).toBe('[]');
  });

  it('renders job/ and route/ templates once per job and route, says which kinds it can render, and records them', () => {
    const jobs = [{ name: 'send-reminder' }, { name: 'nightly-sync' }];
    const routes = [{ name: 'daily-report', method: 'GET' as const }, { name: 'submit-form', method: 'POST' as const }];
    const composed = compose({
      ...input(),
      jobs,
      routes,
      source: source(
        { base: [{ path: 'src/jobs/index.ts', contents: '{{#each jobs}}{{camel}}Job;{{/each}}{{#each routes}}{{method}} {{kebab}};{{/each}}{{renders.jobs}}/{{renders.routes}}', render: true }] },
        {},
        {
          jobFiles: { base: [{ path: 'src/jobs/__kebab__.ts', contents: "{{job.Pascal}} '{{job.kebab}}' ({{job.label}})", render: true }] },
          routeFiles: { base: [{ path: 'src/routes/__kebab__.ts', contents: '{{route.methodLower}} /v1/{{route.kebab}}{{#if route.hasBody}} body{{/if}}', render: true }] },
        },
      ),
    });
    expect(composed.files.get('src/jobs/index.ts')).toBe('sendReminderJob;nightlySyncJob;GET daily-report;POST submit-form;true/true');
    expect(composed.files.get('src/jobs/send-reminder.ts')).toBe("SendReminder 'send-reminder' (send reminder)");
    expect(composed.files.get('src/routes/submit-form.ts')).toBe('post /v1/submit-form body');
    expect(composed.files.get('src/routes/daily-report.ts')).toBe('get /v1/daily-report');
    expect([composed.groundwork.jobs, composed.groundwork.routes]).toEqual([jobs, routes]);
    expect(composed.renders).toEqual({ jobs: true, routes: true });
    // No module with route templates: recorded routes render nothing, and compose says so.
    const bare = compose({ ...input(), routes, source: source({}, {}, { jobFiles: { base: [{ path: 'src/jobs/__kebab__.ts', contents: 'x', render: false }] } }) });
    expect(bare.renders).toEqual({ jobs: true, routes: false });
    expect([...bare.files.keys()].filter((path) => path.startsWith('src/routes/'))).toEqual([]);
  });

  it("gives every module's templates the base module's field snippets, and a module's own to itself only", () => {
    const manifest = (id: string, key?: string): ModuleManifest => ({ id, title: id, ...(key ? { resourceFields: (field) => ({ [key]: `${key}(${field.type})` }) } : {}) });
    const base = manifest('base', 'tsType');
    const field = fieldView({ name: 'amount', type: 'number', optional: false });
    expect(fieldExtender(base, base)?.(field)).toEqual({ tsType: 'tsType(number)' });
    expect(fieldExtender(manifest('db/postgres', 'column'), base)?.(field)).toEqual({ tsType: 'tsType(number)', column: 'column(number)' });
    expect(fieldExtender(manifest('cache/none'), manifest('base'))).toBeUndefined();
  });
});

describe('composed outputs', () => {
  const a: ModuleManifest = {
    id: 'a',
    title: 'A',
    dependencies: ['zod', 'fastify'],
    scripts: { dev: 'x' },
    env: [
      { name: 'PORT', type: 'port', default: 3000, doc: 'HTTP port' },
      { name: 'API_KEY', type: 'string', secret: true, doc: 'Key for X' },
    ],
  };
  const b: ModuleManifest = {
    id: 'b',
    title: 'B',
    env: [{ name: 'MODE', type: 'enum', values: ['x', 'y'], default: 'x', doc: 'Mode' }],
    services: { redis: { image: 'redis:7-alpine', ports: ['6379:6379'], healthcheck: { test: ['CMD', 'redis-cli', 'ping'], interval: '5s', timeout: '3s', retries: 5 } } },
    appEnvironment: { REDIS_URL: 'redis://redis:6379' },
  };

  it('pins every dependency exactly, sorted, and refuses an unpinned one', () => {
    const pkg = JSON.parse(renderPackageJson('p', [a], { zod: '4.1.0', fastify: '5.6.0' }));
    expect(pkg.dependencies).toEqual({ fastify: '5.6.0', zod: '4.1.0' });
    expect(Object.keys(pkg.dependencies)).toEqual(['fastify', 'zod']);
    expect(() => renderPackageJson('p', [a], { zod: '4.1.0' })).toThrow('no version for dependency "fastify"');
  });

  it('refuses two modules declaring one script differently', () => {
    expect(() => renderPackageJson('p', [a, { id: 'c', title: 'C', scripts: { dev: 'y' } }], { zod: '1', fastify: '1' })).toThrow('Modules a and c declare script "dev" differently');
  });

  it("writes the modules' allowScripts into one sorted record, and none when no module has one", () => {
    const withScripts = (id: string, allowScripts: Record<string, boolean>): ModuleManifest => ({ id, title: id, allowScripts });
    const pkg = JSON.parse(renderPackageJson('p', [a, withScripts('x', { zeta: true, protobufjs: false }), withScripts('y', { esbuild: true })], { zod: '1', fastify: '1' }));
    expect(Object.entries(pkg.allowScripts)).toEqual([['esbuild', true], ['protobufjs', false], ['zeta', true]]);
    expect(JSON.parse(renderPackageJson('p', [a], { zod: '1', fastify: '1' }))).not.toHaveProperty('allowScripts');
    expect(() => renderPackageJson('p', [withScripts('x', { esbuild: true }), withScripts('y', { esbuild: false })], {})).toThrow('Modules x and y declare allowScripts entry "esbuild" differently');
  });

  it('documents every env var, hiding secrets, and writes each module its own typed spec', () => {
    const example = renderEnvExample([a, b]);
    expect(example).toContain('# HTTP port.\nPORT=3000');
    expect(example).toContain('# API_KEY=');
    expect(example).toContain('# Mode (x | y).\nMODE=x');
    const specA = renderEnvSpec(a);
    expect(specA).toContain(`PORT: { type: 'port', default: 3000, doc: "HTTP port" },`);
    expect(specA).toContain(`API_KEY: { type: 'string', secret: true, doc: "Key for X" },`);
    expect(specA).not.toContain('MODE');
    const specB = renderEnvSpec({ ...b, id: 'cache/b' });
    expect(specB).toContain(`import type { EnvSpec } from '../../core/config.js';`);
    expect(specB).toContain(`MODE: { type: 'enum', values: ['x', 'y'], default: "x", doc: "Mode" },`);
    expect(envSpecPath({ ...b, id: 'cache/b' })).toBe('src/modules/cache-b/env.ts');
    expect(envSpecPath({ id: 'base', title: 'Core' })).toBe('src/core/env-spec.ts');
  });

  it('writes docker-compose with the app depending on exactly the declared services', () => {
    expect(renderDockerCompose([a, b])).toBe(
      [
        '# Generated by create-groundwork: the app and exactly the services its modules need.',
        'services:',
        '  app:',
        '    build: "."',
        '    environment:',
        '      REDIS_URL: "redis://redis:6379"',
        '    depends_on:',
        '      redis:',
        '        condition: "service_healthy"',
        '  redis:',
        '    image: "redis:7-alpine"',
        '    ports:',
        '      - "6379:6379"',
        '    healthcheck:',
        '      test:',
        '        - "CMD"',
        '        - "redis-cli"',
        '        - "ping"',
        '      interval: "5s"',
        '      timeout: "3s"',
        '      retries: 5',
        '',
      ].join('\n'),
    );
    expect(renderDockerCompose([a])).toContain('    environment: {}\n');
  });
});

describe('outputPath', () => {
  it('turns known _dotfiles into dotfiles, keeps other _names and drops .hbs', () => {
    expect(outputPath('_gitignore')).toBe('.gitignore');
    expect(outputPath('src/app.ts.hbs')).toBe('src/app.ts');
    expect(outputPath('src/my_file.ts')).toBe('src/my_file.ts');
    expect(outputPath('drizzle/meta/_journal.json')).toBe('drizzle/meta/_journal.json');
    expect(outputPath('_github/workflows/ci.yml')).toBe('.github/workflows/ci.yml');
  });
});

describe('toYaml', () => {
  it('writes what a YAML parser reads back, maps in lists on the dash line', async () => {
    const { toYaml } = await import('../../src/compose/outputs/yaml.js');
    const { parse } = await import('yaml');
    const value = { steps: [{ uses: 'actions/checkout@v4' }, { run: 'npm ci', with: { a: [1, [2, { b: 'x' }]] } }, 'plain', [], {}], empty: {}, quoted: 'a: "b"' };
    const text = toYaml(value);
    expect(text).toContain('  - uses: "actions/checkout@v4"\n');
    expect(text).toContain('  - run: "npm ci"\n    with:\n');
    expect(parse(text)).toEqual(value);
  });
});

describe('vitest.config.ts of a project', () => {
  const vitestConfig = async (db: string) => (await composeStack('setup', { ...stack, db: [db] })).files.get('vitest.config.ts')!;

  it("runs the modules' once-per-run test setup (the embedded database's migrated image), and none without one", async () => {
    expect(await vitestConfig('postgres')).toContain("globalSetup: ['test/support/pglite-image.ts'],");
    expect(await vitestConfig('none')).not.toContain('globalSetup');
  });
});

describe('the driver instrumentations of a project', () => {
  const files = async (overrides: Partial<Stack>) => (await composeStack('traced', { ...stack, ...overrides })).files;

  it("creates one per driver the stack has, sorted, each a dependency and under test/telemetry.test.ts's check", async () => {
    const project = await files({ db: ['postgres'], cache: ['redis'] });
    const instrumentations = project.get('src/core/instrumentations.ts')!;
    expect(instrumentations).toContain("export const instrumentedModules: string[] = ['ioredis', 'pg'];");
    expect(instrumentations.indexOf('new IORedisInstrumentation({ requireParentSpan: true, dbStatementSerializer: (command) => command })')).toBeLessThan(instrumentations.indexOf('new PgInstrumentation({ requireParentSpan: true })'));
    const { dependencies } = JSON.parse(project.get('package.json')!);
    expect(Object.keys(dependencies)).toEqual(expect.arrayContaining(['@opentelemetry/instrumentation-ioredis', '@opentelemetry/instrumentation-pg', 'import-in-the-middle']));
    const services = project.get('test/support/traced-services.ts')!;
    expect(services).toContain("import { tracedEnv as pgTracedEnv } from './postgres.js';");
    expect(services).toContain("variable: 'TEST_DATABASE_URL', tracedEnv: pgTracedEnv }");
  });

  it('patches nothing on a stack without a traced driver (SQLite, in-process cache)', async () => {
    const project = await files({ db: ['sqlite'], cache: ['memory'], queue: ['none'] });
    expect(project.get('src/core/instrumentations.ts')).toContain('export const instrumentedModules: string[] = [];');
    expect(project.get('test/support/traced-services.ts')).toContain('export const tracedServices: TracedService[] = [];');
  });
});
