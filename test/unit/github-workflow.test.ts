// .github/workflows/ci.yml of a generated project: its service containers and test env come from the
// manifests' compose data, so CI runs exactly the services docker-compose does beside the app.
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { ModuleManifest, Stack } from '../../src/catalog/types.js';
import { renderGithubWorkflow, testEnvironment } from '../../src/compose/outputs/github-workflow.js';
import { resolveModules } from '../../src/compose/resolve.js';

interface Workflow {
  on: Record<string, unknown>;
  jobs: {
    test: {
      'runs-on': string;
      strategy: { matrix: { node: number[] } };
      services?: Record<string, { image: string; env?: Record<string, string>; ports?: string[]; options?: string }>;
      env: Record<string, string>;
      steps: { uses?: string; run?: string; with?: Record<string, string> }[];
    };
  };
}

const stackOf = (overrides: Partial<Stack>): Stack => ({ api: ['rest'], db: ['postgres'], cache: ['memory'], auth: ['jwt'], queue: ['none'], ...overrides });
const workflowOf = (stack: Stack) => parseYaml(renderGithubWorkflow(resolveModules(stack).modules)) as Workflow;

describe('renderGithubWorkflow', () => {
  it('installs, lints, type-checks and tests on every supported Node line, on pushes and pull requests', () => {
    const { on, jobs } = workflowOf(stackOf({}));
    expect(Object.keys(on).sort()).toEqual(['pull_request', 'push']);
    expect(jobs.test['runs-on']).toBe('ubuntu-latest');
    expect(jobs.test.strategy.matrix.node).toEqual([22, 24, 26]);
    expect(jobs.test.steps).toEqual([
      { uses: 'actions/checkout@v4' },
      { uses: 'actions/setup-node@v4', with: { 'node-version': '${{ matrix.node }}', cache: 'npm' } },
      { run: 'npm ci' },
      { run: 'npm run lint' },
      { run: 'npm run typecheck' },
      { run: 'npm run build' },
      { run: 'npm test' },
    ]);
  });

  it('runs no service container for a stack without backing services (notes in memory)', () => {
    const { jobs } = workflowOf(stackOf({ db: ['none'] }));
    expect(jobs.test.services).toBeUndefined();
    expect(jobs.test.env).toEqual({ REQUIRE_SERVICES: '1' });
  });

  it('runs PostgreSQL for the default stack, healthy before the tests start, at the URL its tests read', () => {
    const { jobs } = workflowOf(stackOf({}));
    expect(jobs.test.services).toEqual({
      postgres: {
        image: 'postgres:17-alpine',
        env: { POSTGRES_PASSWORD: 'postgres', POSTGRES_DB: 'app' },
        ports: ['5432:5432'],
        options: '--health-cmd "pg_isready -U postgres -d app" --health-interval 5s --health-timeout 3s --health-retries 10',
      },
    });
    expect(jobs.test.env).toEqual({ REQUIRE_SERVICES: '1', TEST_DATABASE_URL: 'postgres://postgres:postgres@127.0.0.1:5432/app' });
  });

  it('runs PostgreSQL and Redis for the full stack, never the app, worker or migration it builds itself', () => {
    const workflow = renderGithubWorkflow(resolveModules(stackOf({ api: ['rest', 'graphql', 'grpc', 'websocket'], cache: ['redis'], queue: ['bullmq'] })).modules);
    const { jobs } = parseYaml(workflow) as Workflow;
    expect(Object.keys(jobs.test.services ?? {})).toEqual(['postgres', 'redis']);
    expect(jobs.test.services!.redis).toEqual({
      image: 'redis:7-alpine',
      ports: ['6379:6379'],
      options: '--health-cmd "redis-cli ping" --health-interval 5s --health-timeout 3s --health-retries 10',
    });
    expect(jobs.test.env).toEqual({
      REQUIRE_SERVICES: '1',
      TEST_DATABASE_URL: 'postgres://postgres:postgres@127.0.0.1:5432/app',
      TEST_REDIS_URL: 'redis://127.0.0.1:6379',
    });
    // Service containers take no command: the file says what docker-compose runs instead.
    expect(workflow).toContain("# redis: docker-compose runs `redis-server --maxmemory-policy noeviction`; a service container runs its image's default command.");
  });
});

describe('service containers from compose data', () => {
  const manifest = (fields: Partial<ModuleManifest>): ModuleManifest => ({ id: 'x/y', title: 'X', ...fields });

  it('publish on the host port compose maps (also a ${VAR:-port} default), and quote exec-form health commands for the shell', () => {
    const modules = [
      manifest({
        services: {
          search: {
            image: 'search:1',
            ports: ['${SEARCH_PORT:-19200}:9200'],
            healthcheck: { test: ['CMD', 'curl', '-fs', 'http://localhost:9200/_cluster/health?wait_for_status=yellow'], interval: '5s', timeout: '3s', retries: 5, start_period: '20s' },
          },
        },
        appEnvironment: { SEARCH_URL: 'http://search:9200', LOG_FORMAT: 'json', OTHER_URL: 'http://elsewhere:80' },
      }),
    ];
    expect(testEnvironment(modules)).toEqual({ TEST_SEARCH_URL: 'http://127.0.0.1:19200/' });
    const { jobs } = parseYaml(renderGithubWorkflow(modules)) as Workflow;
    expect(jobs.test.services!.search!.options).toBe(
      `--health-cmd "curl -fs 'http://localhost:9200/_cluster/health?wait_for_status=yellow'" --health-interval 5s --health-timeout 3s --health-retries 5 --health-start-period 20s`,
    );
  });

  it('name the variable and service when the app points at a port the service does not publish', () => {
    const modules = [manifest({ services: { cache: { image: 'cache:1', ports: ['6380:6379'] } }, appEnvironment: { CACHE_URL: 'redis://cache:7000' } })];
    expect(() => testEnvironment(modules)).toThrow('CACHE_URL points at cache:7000, which compose service cache does not publish');
  });
});
