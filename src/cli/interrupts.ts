// Ctrl-C, SIGTERM and SIGHUP while a command runs. Each phase of a command says what a signal
// undoes and what the user is told; the default is "nothing was written". Handlers are synchronous:
// the file changes themselves are applied synchronously, so a signal lands before or after them.
import { constants } from 'node:os';
import { CancelledError, errorReport } from '../errors.js';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** The line for "cancelled before anything was written"; under --json the error object also goes to stdout. */
export function cancelled(argv: readonly string[]): string {
  const error = new CancelledError();
  if (argv.includes('--json')) process.stdout.write(`${JSON.stringify({ error: errorReport(error) }, null, 2)}\n`);
  return error.message;
}

export interface Interrupts {
  /** From now on a signal runs `cleanup` and prints the line it returns. */
  phase(cleanup: () => string): void;
  release(): void;
}

export function trapInterrupts(initial: () => string = () => new CancelledError().message): Interrupts {
  let cleanup = initial;
  const onSignal = (signal: NodeJS.Signals) => {
    let message: string;
    try {
      message = cleanup();
    } catch (error) {
      message = `Interrupted, and cleaning up failed: ${(error as Error).message}`;
    }
    process.stderr.write(`\n${message}\n`);
    // 130 for Ctrl-C, as a shell reports it; 128 + n for the others.
    process.exit(signal === 'SIGINT' ? new CancelledError().exitCode : 128 + constants.signals[signal]);
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return {
    phase(next) {
      cleanup = next;
    },
    release() {
      for (const signal of SIGNALS) process.off(signal, onSignal);
    },
  };
}
