// Interactive questions for whatever flags did not answer. Only ever called on a TTY.
import type { Category } from '../catalog/types.js';
import { CancelledError } from '../errors.js';

export async function askProjectDir(initial: string): Promise<string> {
  const { default: prompts } = await import('prompts');
  const answer = await prompts(
    { type: 'text', name: 'dir', message: 'Project directory', initial, validate: (v: string) => v.trim() !== '' || 'A directory name is needed' },
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
