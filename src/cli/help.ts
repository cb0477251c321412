// Help texts, built from the catalog so they never drift from what is accepted. Every text is one
// two-column table: descriptions start in the same column and wrap under themselves.
import { categories } from '../catalog/catalog.js';
import { supportedPackageManagers } from '../install/package-manager.js';

type Row = readonly [left: string, right: string];
type Section = string | readonly Row[];

const INDENT = 2;
const GAP = 2;
/** A left cell longer than this puts its description on the next line instead of pushing the column. */
const MAX_LEFT = 26;

const helpWidth = () => Math.max(60, Math.min(process.stdout.isTTY ? (process.stdout.columns ?? 80) : 80, 100));

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line];
}

/** Sections joined by newlines: paragraphs wrapped, tables sharing one description column. */
export function layout(sections: readonly Section[], width = helpWidth()): string {
  const lefts = sections.flatMap((section) => (typeof section === 'string' ? [] : section.map(([left]) => left.length)));
  const column = INDENT + Math.min(MAX_LEFT, Math.max(0, ...lefts.filter((n) => n <= MAX_LEFT))) + GAP;
  const descriptionWidth = Math.max(20, width - column);
  const out: string[] = [];
  for (const section of sections) {
    if (typeof section === 'string') {
      out.push(...(section.startsWith(' ') ? [section] : wrap(section, width)));
      continue;
    }
    for (const [left, right] of section) {
      const description = right === '' ? [] : wrap(right, descriptionWidth);
      const head = ' '.repeat(INDENT) + left;
      if (head.length + GAP > column) {
        out.push(head);
        for (const line of description) out.push(' '.repeat(column) + line);
      } else {
        out.push(head.padEnd(column) + (description[0] ?? ''));
        for (const line of description.slice(1)) out.push(' '.repeat(column) + line);
      }
    }
  }
  return out.map((line) => line.trimEnd()).join('\n');
}

const categoryRows = (): Row[] =>
  categories.map((category) => [
    `--${category.id} ${category.options.map((o) => o.id).join(category.multiple ? ',' : '|')}`,
    `${category.question} Default: ${category.defaults.join(',')}.${category.multiple ? ' Comma-separated, several allowed.' : ''}`,
  ]);

const addCategoryRows = (): Row[] =>
  categories.map((category) => [`${category.id} ${category.options.map((o) => o.id).join('|')}`, category.question]);

const commonRows: Row[] = [
  ['--verbose', 'Stack traces of errors (or DEBUG=groundwork)'],
  ['--help, -h', 'Show this help'],
];

const createHelp = (): Section[] => [
  'Usage: create-groundwork [dir] [options]',
  '       npm create groundwork@latest my-api -- --db postgres --cache redis --yes',
  '',
  'Scaffolds a Node.js + TypeScript backend with logs, metrics, traces, health checks and rate limiting wired in. Under npm create, put the options after "--": npm keeps the ones before it.',
  '',
  'Stack (asked interactively when missing, unless --yes or no terminal):',
  categoryRows(),
  '',
  'Options:',
  [
    ['--yes, -y', 'Take the default for every unanswered question'],
    ['--no-install', 'Do not install dependencies'],
    ['--no-git', 'Do not create a git repository'],
    [`--pm ${supportedPackageManagers.join('|')}`, 'Package manager; npm only for now (projects install with npm ci)'],
    ['--force', 'Allow a non-empty directory; never overwrites a file'],
    ['--dry-run', 'List what would be written; write nothing'],
    ['--json', 'Machine-readable output, errors included'],
    ...commonRows,
    ['--version, -v', 'Show the version'],
  ],
];

const groundworkHelp = (): Section[] => [
  'Usage: groundwork <command> [options]',
  '',
  'Commands (run inside a project made by create-groundwork):',
  [
    ['add <category> <option>', 'Add a module, or replace the option of its category'],
    ['generate resource <name>', 'Add a resource (your own domain) across every API style and the store'],
    ['generate job <name>', 'Add a background job handler the queue runs'],
    ['generate route <name>', 'Add a plain REST route with its schemas and test'],
    ['remove resource|job|route <name>', 'Remove one: its files, its registrations (a resource: its table, by a migration)'],
    ['list', 'Every category and option'],
    ['info', "The project's stack and its edited generated files"],
    ['help <command>', 'Help on a command, like <command> --help'],
  ],
  '',
  'Options of every command:',
  [['--json', 'Machine-readable output, errors included'], ...commonRows, ['--version, -v', 'Show the version']],
  '',
  'Categories and options (for add):',
  addCategoryRows(),
];

const addHelp = (): Section[] => [
  'Usage: groundwork add <category> <option> [options]',
  '',
  'Adds a module to the project in the current directory, or replaces the option of a single-choice category. Files you have not changed are updated, the additions are merged into files you edited, and anything that cannot be merged safely stops the command before it writes anything.',
  '',
  'Categories and options:',
  addCategoryRows(),
  '',
  'Options:',
  [
    ['--dry-run', 'List the changes; write nothing'],
    ['--no-install', 'Do not install dependencies afterwards'],
    ['--json', 'Machine-readable output, errors included'],
    ...commonRows,
  ],
  '',
  'Example: groundwork add cache redis',
];

const listHelp = (): Section[] => [
  'Usage: groundwork list [options]',
  '',
  'Every category and option groundwork add accepts (* marks the defaults of create-groundwork; inside a project, + marks its own).',
  '',
  'Options:',
  [['--json', 'Print them as JSON'], ...commonRows],
];

const infoHelp = (): Section[] => [
  'Usage: groundwork info [options]',
  '',
  'The stack of the project in the current directory, and which of the files create-groundwork wrote were edited or deleted since (compared with the hashes in groundwork.json).',
  '',
  'Options:',
  [['--json', 'Print it as JSON'], ...commonRows],
];

const generateHelp = (): Section[] => [
  'Usage: groundwork generate resource <name> [--fields "<field>:<type>[?],..."] [options]',
  '       groundwork generate job <name> [options]',
  '       groundwork generate route <name> [--method GET|POST|PUT|PATCH|DELETE] [options]',
  '',
  'Adds a resource to the project in the current directory: its model, validation and service, its repository and an SQL migration for the store, and its routes, schemas and tests for every API style the project has. The name may be singular or plural (invoice, invoices, Invoice, line-item); without --fields it has one field, name:string. Every resource also has id, createdAt and updatedAt.',
  '',
  "A job (a queue is needed) is a handler in src/jobs/<name>.ts that the queue's worker runs, with its test; enqueue it with enqueue<Name>(queue, { id }), once per id. A route (REST is needed) is one operation at /v1/<name> in src/routes/<name>.ts, with TypeBox schemas in the OpenAPI document, auth on writes, and its test. Names are kebab-case or camelCase: send-reminder, dailyReport. npm run generate (plop) asks for the same things.",
  '',
  'Field types:',
  [
    ['string', 'One line of text, trimmed, 1 to 200 characters'],
    ['text', 'Text of up to 10 000 characters'],
    ['integer', 'A 32-bit integer'],
    ['number', 'A finite double'],
    ['boolean', 'true or false'],
    ['datetime', 'An RFC 3339 date-time, returned in UTC with milliseconds'],
    ['uuid', 'A UUID'],
    ['enum(a|b|c)', 'One of the values'],
    ['ref(<resource>)', 'The id of a record of another resource (belongs-to): customer:ref(customers) gives customerId'],
    ['<type>?', 'Optional: may be left out or null'],
  ],
  '',
  'Options:',
  [
    ['--fields <list>', 'A resource\'s fields, comma-separated: amount:number,paid:boolean,dueDate:datetime?'],
    ['--method <method>', "A route's method (default GET)"],
    ['--dry-run', 'List the changes; write nothing'],
    ['--json', 'Machine-readable output, errors included'],
    ...commonRows,
  ],
  '',
  'Examples: groundwork generate resource invoice --fields "amount:number,paid:boolean,status:enum(draft|sent|paid)"',
  '          groundwork generate job send-reminder',
  '          groundwork generate route daily-report --method POST',
];

const removeHelp = (): Section[] => [
  'Usage: groundwork remove resource|job|route <name> [options]',
  '',
  "Removes a resource, job or route from the project in the current directory: its generated files (a file you edited stops the command with a manual step) and its registrations; for a resource also its table, through a new SQL migration. A resource another one refers to (ref) is refused until that field is gone.",
  '',
  'Options:',
  [['--dry-run', 'List the changes; write nothing'], ['--json', 'Machine-readable output, errors included'], ...commonRows],
  '',
  'Examples: groundwork remove resource notes',
  '          groundwork remove job send-reminder',
];

const helps = { create: createHelp, groundwork: groundworkHelp, add: addHelp, generate: generateHelp, remove: removeHelp, list: listHelp, info: infoHelp };

export type HelpName = keyof typeof helps;

/** A help as printed. */
export const helpText = (name: HelpName, width = helpWidth()): string => layout(helps[name](), width);

/**
 * A help under --json: the text as printed at 80 columns, and every row of its tables (options,
 * commands, categories, field types) with the line above the table as its section.
 */
export function helpJson(name: HelpName): { help: string; rows: { section: string; name: string; description: string }[] } {
  const sections = helps[name]();
  const rows = sections.flatMap((section, index) => {
    if (typeof section === 'string') return [];
    const title = sections.slice(0, index).findLast((s): s is string => typeof s === 'string' && s !== '') ?? '';
    return section.map(([left, right]) => ({ section: title.replace(/:$/, ''), name: left, description: right }));
  });
  return { help: layout(sections, 80), rows };
}

/** Prints a help: its text, or its JSON under --json. */
export const printHelp = (name: HelpName, json: boolean): void =>
  void process.stdout.write(`${json ? JSON.stringify(helpJson(name), null, 2) : helpText(name)}\n`);
