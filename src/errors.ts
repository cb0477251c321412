// Errors a user can cause or meet. The CLI prints their one-line message (no stack) and exits
// with their code; anything else is a bug and prints a stack only with --verbose.

/** Bad command line: unknown flag, command or value. Exit 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
  /** Extra lines printed after the message. */
  readonly details: string[];
  constructor(message: string, details: string[] = []) {
    super(message);
    this.name = 'UsageError';
    this.details = details;
  }
}

/** The command was understood but cannot be carried out (target not empty, file edited...). Exit 1. */
export class GroundworkError extends Error {
  readonly exitCode: number = 1;
  /** Extra lines printed after the message, e.g. manual steps. */
  readonly details: string[];
  constructor(message: string, details: string[] = []) {
    super(message);
    this.name = 'GroundworkError';
    this.details = details;
  }
}

/** Ctrl-C during prompts or generation. Exit 130, like a shell. */
export class CancelledError extends GroundworkError {
  override readonly exitCode = 130;
  constructor() {
    super('Cancelled; nothing was written.');
    this.name = 'CancelledError';
  }
}

/** `usage` exit 2, `failure` exit 1, `cancelled` exit 130, `internal` (a bug) exit 1. */
export type ErrorCode = 'usage' | 'failure' | 'cancelled' | 'internal';

/** What `--json` prints on stdout for a failed command: `{ "error": ErrorReport }`. */
export interface ErrorReport {
  code: ErrorCode;
  message: string;
  details: string[];
  exitCode: number;
}

export function errorReport(error: unknown): ErrorReport {
  if (error instanceof UsageError) return { code: 'usage', message: error.message, details: error.details, exitCode: error.exitCode };
  if (error instanceof CancelledError) return { code: 'cancelled', message: error.message, details: error.details, exitCode: error.exitCode };
  if (error instanceof GroundworkError) return { code: 'failure', message: error.message, details: error.details, exitCode: error.exitCode };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: message.split('\n')[0]!, details: [], exitCode: 1 };
}

/** A user-given string inside a message: quoted, with newlines and control characters escaped, so the message stays one line. */
export const quote = (text: string): string => JSON.stringify(text);
