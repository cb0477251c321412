// .github/workflows/ci.yml: install, lint, type-check and test on every supported Node, against the
// stack's backing services as service containers. Written from the same manifest `services` and
// `appEnvironment` data as docker-compose.yml, so the two never disagree about what the stack needs.
import type { ComposeService, ModuleManifest } from '../../catalog/types.js';
import { mergeRecords } from '../merge.js';
import { backingServices } from './docker-compose.js';
import { toYaml, type YamlValue } from './yaml.js';

/** Generated projects support Node >= 22.15: the maintained lines. */
export const CI_NODE_VERSIONS = [22, 24, 26] as const;

/** Host of a service container's published ports, as the job's steps see it. */
const RUNNER_HOST = '127.0.0.1';

/** `[ip:]host:container` or `${VAR:-host}:container` -> container port -> host port. */
function publishedPorts(name: string, service: ComposeService): Map<number, number> {
  const ports = new Map<number, number>();
  for (const entry of service.ports ?? []) {
    const match = /^(?:[\d.]+:)?(?:\$\{\w+:-(\d+)\}|(\d+)):(\d+)$/.exec(entry);
    if (!match) throw new Error(`Compose service ${name}: cannot publish port "${entry}" from a CI service container`);
    ports.set(Number(match[3]), Number(match[1] ?? match[2]));
  }
  return ports;
}

/**
 * The generated tests read a real service's URL from TEST_<variable> (test/support/services.ts): the
 * app's compose environment variable pointing at that service, re-pointed at the published port.
 */
export function testEnvironment(modules: readonly ModuleManifest[]): Record<string, string> {
  const services = new Map(backingServices(modules));
  const env: Record<string, string> = {};
  for (const [variable, value] of Object.entries(mergeRecords(modules, (m) => m.appEnvironment, 'app environment variable'))) {
    const url = URL.canParse(value) ? new URL(value) : undefined;
    const service = url && services.get(url.hostname);
    if (!url || !service) continue;
    const hostPort = publishedPorts(url.hostname, service).get(Number(url.port));
    if (hostPort === undefined) throw new Error(`${variable} points at ${url.hostname}:${url.port || '(default port)'}, which compose service ${url.hostname} does not publish`);
    url.hostname = RUNNER_HOST;
    url.port = String(hostPort);
    env[`TEST_${variable}`] = url.toString();
  }
  return env;
}

/** One argument of an exec-form command, as /bin/sh reads it. */
const shellWord = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`);

/** Compose healthcheck -> `docker create` flags (the runner passes `options` to it verbatim). */
function healthOptions(healthcheck: NonNullable<ComposeService['healthcheck']>): string {
  const [form, ...args] = healthcheck.test;
  if (form === 'NONE') return '--no-healthcheck';
  const command = form === 'CMD-SHELL' ? args.join(' ') : form === 'CMD' ? args.map(shellWord).join(' ') : healthcheck.test.join(' ');
  const flags = [
    `--health-cmd "${command.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`,
    `--health-interval ${healthcheck.interval}`,
    `--health-timeout ${healthcheck.timeout}`,
    `--health-retries ${healthcheck.retries}`,
    ...(healthcheck.start_period ? [`--health-start-period ${healthcheck.start_period}`] : []),
  ];
  return flags.join(' ');
}

/** A service container: image, env, published ports; the job starts its steps once it is healthy. */
function serviceContainer(service: ComposeService): YamlValue {
  return {
    image: service.image!,
    ...(service.environment && Object.keys(service.environment).length > 0 ? { env: service.environment } : {}),
    ...(service.ports?.length ? { ports: service.ports } : {}),
    ...(service.healthcheck ? { options: healthOptions(service.healthcheck) } : {}),
  };
}

/** What compose does that a service container cannot (it takes no command), said where a reader looks. */
function differenceNotes(services: readonly [string, ComposeService][]): string[] {
  return services
    .filter(([, service]) => service.command?.length)
    .map(([name, service]) => `# ${name}: docker-compose runs \`${service.command!.join(' ')}\`; a service container runs its image's default command.`);
}

export function renderGithubWorkflow(modules: readonly ModuleManifest[]): string {
  const services = backingServices(modules);
  const job: YamlValue = {
    name: 'Node ${{ matrix.node }}',
    'runs-on': 'ubuntu-latest',
    'timeout-minutes': 20,
    strategy: { 'fail-fast': false, matrix: { node: [...CI_NODE_VERSIONS] } },
    ...(services.length > 0 ? { services: Object.fromEntries(services.map(([name, service]) => [name, serviceContainer(service)])) } : {}),
    // REQUIRE_SERVICES=1: a test whose TEST_* URL is missing fails instead of skipping.
    env: { REQUIRE_SERVICES: '1', ...testEnvironment(modules) },
    steps: [
      { uses: 'actions/checkout@v4' },
      { uses: 'actions/setup-node@v4', with: { 'node-version': '${{ matrix.node }}', cache: 'npm' } },
      { run: 'npm ci' },
      { run: 'npm run lint' },
      { run: 'npm run typecheck' },
      { run: 'npm run build' },
      { run: 'npm test' },
    ],
  };
  const document: YamlValue = {
    name: 'CI',
    // Pushes to the main branches and pull requests: a pull request's branch is checked once, not twice.
    on: { push: { branches: ['main', 'master'] }, pull_request: {} },
    permissions: { contents: 'read' },
    // A newer push to the same branch or pull request supersedes a running check.
    concurrency: { group: 'ci-${{ github.ref }}', 'cancel-in-progress': true },
    jobs: { test: job },
  };
  const header = ['# Generated by create-groundwork: the checks of `npm run lint`, `typecheck` and `test`, with the', "# stack's backing services (those of docker-compose.yml) as service containers.", ...differenceNotes(services)];
  return `${header.join('\n')}\n${toYaml(document)}`;
}
