// Errors a user can cause or meet. The CLI prints their one-line message (no stack) and exits
// with their code; anything else is a bug and prints a stack only with --verbose.

/** Bad command line: unknown flag, command or value. Exit 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
}

/** The command was understood but cannot be carried out (target not empty, file edited...). Exit 1. */
export class GroundworkError extends Error {
  readonly exitCode: number = 1;
  /** Extra lines printed after the message, e.g. manual steps. */
  readonly details: string[];
  constructor(message: string, details: string[] = []) {
    super(message);
    this.details = details;
  }
}

/** Ctrl-C during prompts or generation. Exit 130, like a shell. */
export class CancelledError extends GroundworkError {
  override readonly exitCode = 130;
  constructor() {
    super('Cancelled; nothing was written.');
  }
}
