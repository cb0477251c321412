// Entry points of both bins: dispatch, then turn errors into one line and an exit code.
import { GroundworkError, UsageError } from '../errors.js';
import { red } from './ui.js';

const verbose = (argv: readonly string[]) => argv.includes('--verbose') || /(^|,)groundwork(,|$)/.test(process.env.DEBUG ?? '');

async function run(argv: readonly string[], command: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await command();
  } catch (error) {
    if (error instanceof UsageError || error instanceof GroundworkError) {
      process.stderr.write(`${red('error')} ${error.message}\n`);
      if (error instanceof GroundworkError) for (const line of error.details) process.stderr.write(`${line}\n`);
      if (verbose(argv)) process.stderr.write(`${error.stack}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${red('error')} ${message.split('\n')[0]}\n`);
    if (verbose(argv)) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
    else process.stderr.write('Run again with --verbose (or DEBUG=groundwork) for details.\n');
    process.exitCode = 1;
  }
}

export function createMain(argv: readonly string[]): Promise<void> {
  return run(argv, async () => (await import('./create.js')).runCreate(argv));
}

export function groundworkMain(argv: readonly string[]): Promise<void> {
  return run(argv, async () => {
    const [command, ...rest] = argv;
    const { groundworkHelp } = await import('./help.js');
    switch (command) {
      case 'add':
        return (await import('./add.js')).runAdd(rest);
      case 'list':
        return (await import('./list.js')).runList(rest);
      case 'info':
        return (await import('./info.js')).runInfo(rest);
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        console.log(groundworkHelp());
        return command === undefined ? 2 : 0;
      case '--version':
      case '-v': {
        const { generatorVersion } = await import('../paths.js');
        console.log(generatorVersion);
        return 0;
      }
      default:
        throw new UsageError(`Unknown command "${command}". Accepted: add, list, info (groundwork --help).`);
    }
  });
}
