// The generated CI workflow: valid against the GitHub Actions workflow schema (SchemaStore's, embedded
// in @action-validator/core), running exactly the compose services the app does not build as service
// containers, setting exactly the TEST_* URLs the generated tests read, each at a port a service
// container publishes, and running only scripts package.json has.
import { validateWorkflow, type ValidationError } from '@action-validator/core';
import { parse as parseYaml } from 'yaml';
import type { Composition } from '../../src/compose/compose.js';

export const CI_WORKFLOW = '.github/workflows/ci.yml';

/** A real service's URL variable named in a test: `process.env.TEST_X` or a 'TEST_X' literal (describeWithService). */
const TEST_ENV_READ = /(?:process\.env\.|['"`])(TEST_[A-Z][A-Z0-9_]*)\b/g;

interface ComposeDocument {
  services?: Record<string, { image?: string; build?: unknown }>;
}

interface Job {
  services?: Record<string, { image?: string; ports?: (string | number)[] }>;
  env?: Record<string, unknown>;
  steps?: { run?: string }[];
}

type Containers = [string, NonNullable<Job['services']>[string]][];

/** Leaf messages of a schema error; of a oneOf, those of the branch that came closest (fewest errors). */
function schemaMessages(error: ValidationError): string[] {
  const nested = 'states' in error ? (error.states ?? []) : [];
  if (nested.length > 0) return nested.map((state) => state.errors.flatMap(schemaMessages)).reduce((best, branch) => (branch.length < best.length ? branch : best));
  const where = 'location' in error && error.location ? `line ${error.location.line}` : ('path' in error && error.path) || '/';
  return [`${CI_WORKFLOW}: ${where}: ${error.detail ?? error.title}`];
}

/** Schema verdicts by workflow text: a few distinct workflows serve every combination. */
const schemaVerdicts = new Map<string, string[]>();

function schemaProblems(workflow: string): string[] {
  let verdict = schemaVerdicts.get(workflow);
  if (!verdict) {
    verdict = [...new Set(validateWorkflow(workflow).errors.flatMap(schemaMessages))];
    schemaVerdicts.set(workflow, verdict);
  }
  return verdict;
}

function serviceProblems(containers: Containers, composeFile: string): string[] {
  let compose: ComposeDocument;
  try {
    compose = parseYaml(composeFile) as ComposeDocument;
  } catch {
    return []; // the docker-compose check reports it
  }
  const backing = Object.entries(compose?.services ?? {}).filter(([, service]) => service?.build === undefined);
  const names = (list: [string, unknown][]) => list.map(([name]) => name).sort().join(', ') || 'none';
  const problems: string[] = [];
  if (names(containers) !== names(backing)) problems.push(`${CI_WORKFLOW}: service containers ${names(containers)}; docker-compose.yml runs ${names(backing)} beside what it builds`);
  for (const [name, container] of containers) {
    const image = compose?.services?.[name]?.image;
    if (image !== undefined && container.image !== image) problems.push(`${CI_WORKFLOW}: service ${name} runs ${container.image}; docker-compose.yml runs ${image}`);
  }
  return problems;
}

/** TEST_X is the test-time X: CI sets it when the stack's app has X and a test reads it. */
function testEnvProblems(jobs: readonly Job[], containers: Containers, files: ReadonlyMap<string, string>, appEnv: ReadonlySet<string>): string[] {
  const set = new Map(jobs.flatMap((job) => Object.entries(job.env ?? {})).filter(([name]) => name.startsWith('TEST_')));
  const tests = [...files].filter(([path]) => path.startsWith('test/') && path.endsWith('.ts'));
  const read = new Set(tests.flatMap(([, contents]) => [...contents.matchAll(TEST_ENV_READ)].map((m) => m[1]!)));
  const published = new Set(containers.flatMap(([, container]) => (container.ports ?? []).map((port) => String(port).split(':').at(-2))));
  const problems: string[] = [];
  // A test may name TEST_X in a stack without X (REST tests run against PostgreSQL only when the stack has it).
  for (const name of read) {
    if (!set.has(name) && appEnv.has(name.slice('TEST_'.length))) problems.push(`${CI_WORKFLOW}: the generated tests read ${name}, which the workflow does not set`);
  }
  for (const [name, value] of set) {
    if (!read.has(name)) problems.push(`${CI_WORKFLOW}: sets ${name}, which no generated test reads`);
    const url = URL.canParse(String(value)) ? new URL(String(value)) : undefined;
    if (!url || !['127.0.0.1', 'localhost'].includes(url.hostname) || !published.has(url.port)) {
      problems.push(`${CI_WORKFLOW}: ${name}=${String(value)} is not a localhost port a service container publishes`);
    }
  }
  return problems;
}

function scriptProblems(jobs: readonly Job[], scripts: Readonly<Record<string, string>>): string[] {
  return jobs
    .flatMap((job) => job.steps ?? [])
    .map((step) => /^npm (?:run ([\w:-]+)|(test|start)\b)/.exec(step.run ?? ''))
    .map((match) => match?.[1] ?? match?.[2])
    .filter((script): script is string => script !== undefined && !(script in scripts))
    .map((script) => `${CI_WORKFLOW}: runs npm run ${script}, which package.json does not define`);
}

/** `appEnv`: the variables the app reads (those .env.example documents). */
export function workflowProblems(composition: Composition, scripts: Readonly<Record<string, string>>, appEnv: ReadonlySet<string>): string[] {
  const workflow = composition.files.get(CI_WORKFLOW);
  if (workflow === undefined) return [`${CI_WORKFLOW} is missing: every project gets its CI workflow`];
  const schema = schemaProblems(workflow);
  if (schema.length > 0) return schema;
  const jobs = Object.values((parseYaml(workflow) as { jobs?: Record<string, Job> }).jobs ?? {});
  const containers: Containers = jobs.flatMap((job) => Object.entries(job.services ?? {}));
  return [
    ...serviceProblems(containers, composition.files.get('docker-compose.yml') ?? ''),
    ...testEnvProblems(jobs, containers, composition.files, appEnv),
    ...scriptProblems(jobs, scripts),
  ];
}
