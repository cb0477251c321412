// Help texts, built from the catalog so they never drift from what is accepted.
import { categories } from '../catalog/catalog.js';
import { packageManagers } from '../install/package-manager.js';

const categoryLines = () =>
  categories.map((category) => {
    const values = category.options.map((o) => o.id).join(category.multiple ? ',' : '|');
    const flag = `  --${category.id} ${values}`;
    return `${flag.padEnd(34)}${category.question} Default: ${category.defaults.join(',')}${category.multiple ? ' (comma-separated, several allowed)' : ''}`;
  });

export function createHelp(): string {
  return [
    'Usage: create-groundwork [dir] [options]',
    '       npm create groundwork@latest my-api -- --db postgres --cache redis --yes',
    '',
    'Scaffolds a Node.js + TypeScript backend with logs, metrics, traces, health checks and rate limiting wired in.',
    '',
    'Stack (asked interactively when missing, unless --yes or no TTY):',
    ...categoryLines(),
    '',
    'Options:',
    '  --yes, -y                       Take the default for every unanswered question',
    '  --no-install                    Do not install dependencies',
    '  --no-git                        Do not create a git repository',
    `  --pm ${packageManagers.join('|').padEnd(27)}Package manager (default: the one running this command)`,
    '  --force                         Allow a non-empty target directory (never overwrites a file)',
    '  --dry-run                       List what would be written; write nothing',
    '  --json                          Print a machine-readable summary',
    '  --verbose                       Print stack traces of unexpected errors',
    '  --help, -h                      Show this help',
    '  --version, -v                   Show the version',
  ].join('\n');
}

export function groundworkHelp(): string {
  return [
    'Usage: groundwork <command> [options]',
    '',
    'Commands:',
    '  add <category> <option>   Add a module to the project in the current directory',
    '                            [--no-install] [--dry-run] [--json]',
    '  list                      Every category and option (--json)',
    '  info                      The stack of the project in the current directory (--json)',
    '',
    'Categories and options:',
    ...categoryLines(),
    '',
    '  --help, -h  --version, -v  --verbose',
  ].join('\n');
}
