// `groundwork generate resource <name> [--fields ...]` and `groundwork remove resource <name>`: the
// project recomposed with one resource more or less (every module renders its part of each resource),
// applied like `add`, plus the SQL migration that creates or drops its table.
import { quote, UsageError } from '../errors.js';
import { formatFields } from '../resources/fields.js';
import { resourceNames } from '../resources/names.js';
import { findResource, newResource, type ResourceSpec } from '../resources/resource.js';
import { parseArgs, type FlagSpec } from './args.js';
import { groundworkCommand } from './groundwork-command.js';
import { printChanges } from './print-changes.js';
import { changeProject, type ChangeOutcome } from './project-change.js';
import { didYouMean } from './suggest.js';
import { bold, green } from './ui.js';

const KINDS = ['resource'] as const;

const commonFlags: FlagSpec[] = [
  { name: 'dry-run', type: 'boolean' },
  { name: 'json', type: 'boolean' },
  { name: 'verbose', type: 'boolean' },
];

function parseKind(command: 'generate' | 'remove', kind: string | undefined): void {
  if (kind === undefined) throw new UsageError(`Usage: groundwork ${command} resource <name>${command === 'generate' ? ' [--fields "<field>:<type>[?],..."]' : ''}.`);
  if (kind !== 'resource') throw new UsageError(`groundwork ${command} makes a resource, not ${quote(kind)}.${didYouMean(kind, KINDS)} Usage: groundwork ${command} resource <name>.`);
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

export async function runGenerate(argv: readonly string[], cwd = process.cwd()): Promise<number> {
  const { flags, positionals } = parseArgs(argv, [{ name: 'fields', type: 'string', accepted: 'Example: --fields "amount:number,paid:boolean,dueDate:datetime?"' }, ...commonFlags], 'groundwork generate');
  const [kind, name, ...extra] = positionals;
  parseKind('generate', kind);
  if (name === undefined) throw new UsageError('Usage: groundwork generate resource <name> [--fields "<field>:<type>[?],..."], e.g. groundwork generate resource invoice --fields "amount:number,paid:boolean".');
  if (extra.length > 0) throw new UsageError(`groundwork generate resource takes one name, got ${extra.length + 1}: ${[name, ...extra].map(quote).join(' ')}. Fields go in --fields.`);
  const fieldsText = typeof flags.fields === 'string' ? flags.fields : undefined;
  const dryRun = flags['dry-run'] === true;

  let resource: ResourceSpec | undefined;
  const outcome = await changeProject({
    cwd,
    argv,
    command: `groundwork generate ${argv.join(' ')}`,
    action: `generate resource ${name}`,
    dryRun,
    migration: () => ({ name: `create_${resourceNames(resource!.name).pluralSnake}` }),
    target(record, stack) {
      resource = newResource(name, fieldsText, record.resources);
      return { stack, resources: [...record.resources, resource] };
    },
  });
  const names = resourceNames(resource!.name);
  const summary = { generated: resource!.name, fields: formatFields(resource!.fields), dryRun };
  const verb = dryRun ? 'Would generate' : `${green('✔')} Generated`;
  report(outcome, summary, flags.json === true, `${verb} resource ${bold(names.plural)} (${summary.fields})`);
  if (!flags.json && !dryRun) console.log(`Next: ${groundworkCommand('npm', 'info')} shows it; npm run typecheck && npm test checks it; /v1/${names.pluralKebab} serves it.`);
  return 0;
}

export async function runRemove(argv: readonly string[], cwd = process.cwd()): Promise<number> {
  const { flags, positionals } = parseArgs(argv, commonFlags, 'groundwork remove');
  const [kind, name, ...extra] = positionals;
  parseKind('remove', kind);
  if (name === undefined) throw new UsageError('Usage: groundwork remove resource <name>, e.g. groundwork remove resource notes.');
  if (extra.length > 0) throw new UsageError(`groundwork remove resource takes one name, got ${extra.length + 1}: ${[name, ...extra].map(quote).join(' ')}.`);
  const dryRun = flags['dry-run'] === true;

  let removed: ResourceSpec | undefined;
  const outcome = await changeProject({
    cwd,
    argv,
    command: `groundwork remove ${argv.join(' ')}`,
    action: `remove resource ${name}`,
    dryRun,
    migration: () => ({ name: `drop_${resourceNames(removed!.name).pluralSnake}`, removed: [removed!] }),
    target(record, stack) {
      removed = findResource(name, record.resources);
      return { stack, resources: record.resources.filter((r) => r !== removed) };
    },
  });
  const summary = { removed: removed!.name, dryRun };
  const verb = dryRun ? 'Would remove' : `${green('✔')} Removed`;
  report(outcome, summary, flags.json === true, `${verb} resource ${bold(removed!.name)}`);
  return 0;
}
