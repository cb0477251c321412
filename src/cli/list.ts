import { categories } from '../catalog/catalog.js';
import { quote, UsageError } from '../errors.js';
import { parseArgs } from './args.js';
import { bold, dim } from './ui.js';

export function runList(argv: readonly string[]): number {
  const { flags, positionals } = parseArgs(argv, [{ name: 'json', type: 'boolean' }, { name: 'verbose', type: 'boolean' }], 'groundwork list');
  if (positionals.length > 0) throw new UsageError(`groundwork list takes no arguments, got: ${positionals.map(quote).join(' ')}. Run "groundwork list --help".`);
  if (flags.json) {
    const data = categories.map((c) => ({
      id: c.id,
      question: c.question,
      multiple: c.multiple,
      defaults: c.defaults,
      options: c.options.map((o) => ({ id: o.id, label: o.label, hint: o.hint, fills: o.manifest.fills, requires: o.manifest.requires ?? [] })),
    }));
    console.log(JSON.stringify(data, null, 2));
    return 0;
  }
  for (const category of categories) {
    console.log(`${bold(category.id)} ${dim(`— ${category.question}${category.multiple ? ' (several allowed)' : ''}`)}`);
    for (const option of category.options) {
      const mark = category.defaults.includes(option.id) ? '*' : ' ';
      console.log(`  ${mark} ${option.id.padEnd(10)} ${option.label.padEnd(12)} ${dim(option.hint)}`);
    }
  }
  console.log(dim('\n* default'));
  return 0;
}
