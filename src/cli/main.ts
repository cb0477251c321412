// Entry points of both bins: dispatch, then turn errors into one line and an exit code (and, under
// --json, into {"error": {...}} on stdout, so a script reads the outcome from one place).
import { errorReport, quote, UsageError } from '../errors.js';
import { didYouMean } from './suggest.js';
import { red } from './ui.js';

/** The options of the command itself: after a "--" everything is an argument. */
const options = (argv: readonly string[]) => (argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv);
const isVerbose = (argv: readonly string[]) => options(argv).includes('--verbose') || /(^|,)groundwork(,|$)/.test(process.env.DEBUG ?? '');
const isJson = (argv: readonly string[]) => options(argv).includes('--json');

/**
 * Prints `error` the way every command does: one line on stderr (and its details; a stack with
 * --verbose, or always for a bug), plus `{"error": ErrorReport}` on stdout under --json. Returns the exit code.
 */
export function reportError(error: unknown, argv: readonly string[]): number {
  const report = errorReport(error);
  process.stderr.write(`${red('error')} ${report.message}\n`);
  for (const line of report.details) process.stderr.write(`${line}\n`);
  if (isVerbose(argv)) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
  else if (report.code === 'internal') process.stderr.write('Run again with --verbose (or DEBUG=groundwork) for details.\n');
  if (isJson(argv)) process.stdout.write(`${JSON.stringify({ error: report }, null, 2)}\n`);
  return report.exitCode;
}

async function run(argv: readonly string[], command: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await command();
  } catch (error) {
    process.exitCode = reportError(error, argv);
  }
}

export function createMain(argv: readonly string[]): Promise<void> {
  return run(argv, async () => {
    (await import('./npm-flags.js')).checkNpmSwallowedFlags(argv);
    return (await import('./create.js')).runCreate(argv);
  });
}

const commands = ['add', 'generate', 'remove', 'list', 'info'] as const;
const isCommand = (name: string): name is (typeof commands)[number] => (commands as readonly string[]).includes(name);
/** Options that may come before the command, too: `groundwork --verbose add cache redis`. */
const globalFlags = new Set(['--verbose', '--json']);
const helpFlags = new Set(['--help', '-h']);

export function groundworkMain(argv: readonly string[]): Promise<void> {
  return run(argv, async () => {
    (await import('./npm-flags.js')).checkNpmSwallowedFlags(argv, process.env, 'groundwork');
    const leading: string[] = [];
    let start = 0;
    while (start < argv.length && globalFlags.has(argv[start]!)) leading.push(argv[start++]!);
    const [command, ...after] = argv.slice(start);
    const rest = [...leading.filter((flag) => !options(after).includes(flag)), ...after];
    const help = await import('./help.js');
    const print = (text: string) => process.stdout.write(`${text}\n`);

    switch (command) {
      case 'add':
      case 'generate':
      case 'remove':
      case 'list':
      case 'info': {
        if (options(rest).some((token) => helpFlags.has(token))) return (help.printHelp(command, isJson(argv)), 0);
        if (command === 'add') return (await import('./add.js')).runAdd(rest);
        if (command === 'generate') return (await import('./generate.js')).runGenerate(rest);
        if (command === 'remove') return (await import('./generate.js')).runRemove(rest);
        if (command === 'list') return (await import('./list.js')).runList(rest);
        return (await import('./info.js')).runInfo(rest);
      }
      case undefined:
        if (isJson(argv)) throw new UsageError(`No command given. Accepted: ${commands.join(', ')} (groundwork --help).`);
        help.printHelp('groundwork', false);
        return 2;
      case 'help':
      case '--help':
      case '-h': {
        const [topic, ...extra] = options(after).filter((token) => !globalFlags.has(token));
        if (extra.length > 0) throw new UsageError(`groundwork help takes one command, got ${extra.length + 1}: ${[topic, ...extra].join(' ')}.`);
        if (topic === undefined) return (help.printHelp('groundwork', isJson(argv)), 0);
        if (!isCommand(topic)) throw new UsageError(`No help on ${quote(topic)}.${didYouMean(topic, commands)} Commands: ${commands.join(', ')}.`);
        return (help.printHelp(topic, isJson(argv)), 0);
      }
      case '--version':
      case '-v': {
        if (after.length > 0) throw new UsageError(`--version takes no arguments, got: ${after.join(' ')}.`);
        const { generatorVersion } = await import('../paths.js');
        print(generatorVersion);
        return 0;
      }
      default: {
        if (command.startsWith('-')) {
          const known = ['--help', '--version', '--verbose', '--json'];
          throw new UsageError(`Unknown option ${quote(command)} before the command.${didYouMean(command.replace(/^-+/, ''), known.map((flag) => flag.slice(2)), (name) => `--${name}`)} Run "groundwork --help" for the commands and options.`);
        }
        throw new UsageError(`Unknown command ${quote(command)}.${didYouMean(command, commands)} Accepted: ${commands.join(', ')} (groundwork --help).`);
      }
    }
  });
}
