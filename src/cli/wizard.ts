// Interactive questions for whatever flags did not answer. Only ever called on a TTY.
import type { Readable, Writable } from 'node:stream';
import type { Category } from '../catalog/types.js';
import { CancelledError, GroundworkError, UsageError } from '../errors.js';

/** true, or the message the prompt shows under the answer while it waits for a better one. */
export type AnswerCheck = (answer: string) => true | string | Promise<true | string>;

/** Terminal streams of a prompt (tests pass their own). */
export interface PromptIo {
  stdin?: Readable;
  stdout?: Writable;
}

/**
 * An AnswerCheck from a function that throws a UsageError or GroundworkError for a bad answer (e.g.
 * checkProjectName, or a check that the target directory is empty): its message is shown and the
 * question asked again. Other errors propagate.
 */
export function asAnswerCheck(check: (answer: string) => unknown): AnswerCheck {
  return async (answer) => {
    try {
      await check(answer.trim());
      return true;
    } catch (error) {
      if (error instanceof UsageError || error instanceof GroundworkError) return error.message;
      throw error;
    }
  };
}

/**
 * prompts redraws its error line in place, which breaks once the line wraps: a message wider than the
 * terminal is cut to fit (the full reason is in the CLI's own message for the same name, with --yes).
 */
function fitLine(result: true | string, stdout: Writable): true | string {
  const columns = (stdout as { columns?: number }).columns ?? 80;
  return result === true || result.length <= columns - 4 ? result : `${result.slice(0, Math.max(10, columns - 5))}…`;
}

/** Asks for the project directory until `validate` accepts the (trimmed) answer. */
export async function askProjectDir(initial: string, validate?: AnswerCheck, io: PromptIo = {}): Promise<string> {
  const { default: prompts } = await import('prompts');
  const check = async (value: string) => fitLine(value.trim() === '' ? 'A directory name is needed' : validate ? await validate(value.trim()) : true, io.stdout ?? process.stdout);
  const answer = await prompts(
    { type: 'text', name: 'dir', message: 'Project directory', initial, validate: check, ...io },
    { onCancel: () => { throw new CancelledError(); } },
  );
  return String(answer.dir).trim();
}

export async function askCategory(category: Category): Promise<string[]> {
  const { default: prompts } = await import('prompts');
  const choices = category.options.map((option) => ({
    title: option.label,
    description: option.hint,
    value: option.id,
    selected: category.defaults.includes(option.id),
  }));
  const onCancel = () => {
    throw new CancelledError();
  };
  if (category.multiple) {
    const answer = await prompts(
      { type: 'multiselect', name: 'value', message: category.question, choices, min: 1, instructions: false, hint: 'space to toggle, enter to confirm' },
      { onCancel },
    );
    return answer.value as string[];
  }
  const initial = Math.max(0, choices.findIndex((choice) => choice.selected));
  const answer = await prompts({ type: 'select', name: 'value', message: category.question, choices, initial }, { onCancel });
  return [answer.value as string];
}
