// `groundwork generate resource|job|route <name>` and `groundwork remove resource|job|route <name>`:
// the project recomposed with one unit more or less (every module renders its part of each resource,
// the queue module each job, the REST module each route), applied like `add`; for a resource also the
// SQL migration that creates or drops its table.
import { quote, UsageError } from '../errors.js';
import { formatFields } from '../resources/fields.js';
import { resourceNames } from '../resources/names.js';
import { findResource, newResource, type ResourceSpec } from '../resources/resource.js';
import { newJob } from '../units/job.js';
import { newRoute, ROUTE_METHODS, type RouteSpec } from '../units/route.js';
import { findUnit } from '../units/unit-names.js';
import { parseArgs, type FlagSpec, type ParsedArgs } from './args.js';
import { groundworkCommand } from './groundwork-command.js';
import { printChanges } from './print-changes.js';
import { changeProject, type ChangeOutcome, type ChangeRequest } from './project-change.js';
import { didYouMean } from './suggest.js';
import { bold, green } from './ui.js';

const KINDS = ['resource', 'job', 'route'] as const;
type Kind = (typeof KINDS)[number];
type Command = 'generate' | 'remove';

const commonFlags: FlagSpec[] = [
  { name: 'dry-run', type: 'boolean' },
  { name: 'json', type: 'boolean' },
  { name: 'verbose', type: 'boolean' },
];
const generateFlags: FlagSpec[] = [
  { name: 'fields', type: 'string', accepted: 'Example: --fields "amount:number,paid:boolean,dueDate:datetime?"' },
  { name: 'method', type: 'string', accepted: `One of ${ROUTE_METHODS.join(', ')}.` },
  ...commonFlags,
];
/** Which kind takes which of the generate flags. */
const FLAG_KINDS: Record<string, Kind> = { fields: 'resource', method: 'route' };

const USAGE: Record<Command, Record<Kind, string>> = {
  generate: {
    resource: 'groundwork generate resource <name> [--fields "<field>:<type>[?],..."], e.g. groundwork generate resource invoice --fields "amount:number,paid:boolean"',
    job: 'groundwork generate job <name>, e.g. groundwork generate job send-reminder',
    route: `groundwork generate route <name> [--method ${ROUTE_METHODS.join('|')}], e.g. groundwork generate route daily-report`,
  },
  remove: {
    resource: 'groundwork remove resource <name>, e.g. groundwork remove resource notes',
    job: 'groundwork remove job <name>',
    route: 'groundwork remove route <name>',
  },
};

function parseCommand(command: Command, argv: readonly string[]): { kind: Kind; name: string; args: ParsedArgs } {
  const args = parseArgs(argv, command === 'generate' ? generateFlags : commonFlags, `groundwork ${command}`);
  const [kind, name, ...extra] = args.positionals;
  const usage = `Usage: groundwork ${command} ${KINDS.join('|')} <name>.`;
  if (kind === undefined) throw new UsageError(usage);
  if (!(KINDS as readonly string[]).includes(kind)) throw new UsageError(`groundwork ${command} takes a resource, a job or a route, not ${quote(kind)}.${didYouMean(kind, KINDS)} ${usage}`);
  const known = kind as Kind;
  if (name === undefined) throw new UsageError(`Usage: ${USAGE[command][known]}.`);
  if (extra.length > 0) {
    const hint = known === 'resource' && command === 'generate' ? ' Fields go in --fields.' : '';
    throw new UsageError(`groundwork ${command} ${known} takes one name, got ${extra.length + 1}: ${[name, ...extra].map(quote).join(' ')}.${hint}`);
  }
  for (const [flag, owner] of Object.entries(FLAG_KINDS)) {
    if (args.flags[flag] !== undefined && owner !== known) throw new UsageError(`--${flag} is for groundwork generate ${owner}, not ${known}.`);
  }
  return { kind: known, name, args };
}

function report(outcome: ChangeOutcome, summary: Record<string, unknown>, json: boolean, headline: string): void {
  if (json) {
    const { created, updated, merged, deleted, skipped, notes } = outcome;
    console.log(JSON.stringify({ ...summary, created, updated, merged, deleted, skipped, notes }, null, 2));
    return;
  }
  console.log(headline);
  printChanges(outcome);
}

/** What one generate or remove changes: the request for changeProject, and how to report it once done. */
interface Plan {
  change: Pick<ChangeRequest, 'target' | 'migration'>;
  /** The JSON summary and the headline's subject ("resource invoices (amount:number)"), once the target ran. */
  done(): { summary: Record<string, unknown>; subject: string; next?: string };
}

function generatePlan(kind: Kind, name: string, flags: ParsedArgs['flags']): Plan {
  if (kind === 'resource') {
    let resource: ResourceSpec | undefined;
    const fieldsText = typeof flags.fields === 'string' ? flags.fields : undefined;
    return {
      change: {
        migration: () => ({ name: `create_${resourceNames(resource!.name).pluralSnake}` }),
        target: (record, stack) => {
          resource = newResource(name, fieldsText, record.resources, record.routes);
          return { stack, resources: [...record.resources, resource] };
        },
      },
      done() {
        const fields = formatFields(resource!.fields);
        const path = resourceNames(resource!.name).pluralKebab;
        const next = `${groundworkCommand('npm', 'info')} shows it; npm run typecheck && npm test checks it; /v1/${path} serves it.`;
        return { summary: { generated: resource!.name, fields }, subject: `resource ${bold(resource!.name)} (${fields})`, next };
      },
    };
  }
  if (kind === 'job') {
    let job: { name: string } | undefined;
    return {
      change: {
        target: (record, stack) => {
          job = newJob(name, record.jobs);
          return { stack, jobs: [...record.jobs, job] };
        },
      },
      done: () => ({
        summary: { generated: job!.name },
        subject: `job ${bold(job!.name)}`,
        next: `src/jobs/${job!.name}.ts holds its handler: write its work there, and enqueue it from your code; npm test checks it.`,
      }),
    };
  }
  let route: RouteSpec | undefined;
  const method = typeof flags.method === 'string' ? flags.method : undefined;
  return {
    change: {
      target: (record, stack) => {
        route = newRoute(name, method, record.routes, record.resources);
        return { stack, routes: [...record.routes, route] };
      },
    },
    done: () => ({
      summary: { generated: route!.name, method: route!.method },
      subject: `route ${bold(`${route!.method} /v1/${route!.name}`)}`,
      next: `src/routes/${route!.name}.ts holds its schemas and handler; npm test checks it.`,
    }),
  };
}

function removePlan(kind: Kind, name: string): Plan {
  if (kind === 'resource') {
    let removed: ResourceSpec | undefined;
    return {
      change: {
        migration: () => ({ name: `drop_${resourceNames(removed!.name).pluralSnake}`, removed: [removed!] }),
        target: (record, stack) => {
          removed = findResource(name, record.resources);
          return { stack, resources: record.resources.filter((r) => r !== removed) };
        },
      },
      done: () => ({ summary: { removed: removed!.name }, subject: `resource ${bold(removed!.name)}` }),
    };
  }
  let removed: { name: string } | undefined;
  return {
    change: {
      target: (record, stack) => {
        if (kind === 'job') {
          removed = findUnit('job', name, record.jobs);
          return { stack, jobs: record.jobs.filter((job) => job !== removed) };
        }
        removed = findUnit('route', name, record.routes);
        return { stack, routes: record.routes.filter((route) => route !== removed) };
      },
    },
    done: () => ({ summary: { removed: removed!.name }, subject: `${kind} ${bold(removed!.name)}` }),
  };
}

async function run(command: Command, argv: readonly string[], cwd: string): Promise<number> {
  const { kind, name, args } = parseCommand(command, argv);
  const dryRun = args.flags['dry-run'] === true;
  const plan = command === 'generate' ? generatePlan(kind, name, args.flags) : removePlan(kind, name);
  const outcome = await changeProject({ cwd, argv, command: `groundwork ${command} ${argv.join(' ')}`, action: `${command} ${kind} ${name}`, dryRun, ...plan.change });
  const { summary, subject, next } = plan.done();
  const verb = command === 'generate' ? (dryRun ? 'Would generate' : `${green('✔')} Generated`) : dryRun ? 'Would remove' : `${green('✔')} Removed`;
  report(outcome, { kind, ...summary, dryRun }, args.flags.json === true, `${verb} ${subject}`);
  if (next !== undefined && !args.flags.json && !dryRun) console.log(`Next: ${next}`);
  return 0;
}

export const runGenerate = (argv: readonly string[], cwd = process.cwd()): Promise<number> => run('generate', argv, cwd);
export const runRemove = (argv: readonly string[], cwd = process.cwd()): Promise<number> => run('remove', argv, cwd);
