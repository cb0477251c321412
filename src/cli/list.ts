import { categories } from '../catalog/catalog.js';
import { quote, UsageError } from '../errors.js';
import { readGroundworkJson } from '../project/groundwork-file.js';
import { parseArgs } from './args.js';
import { bold, dim } from './ui.js';

/**
 * The stack of the project in `cwd`, which list marks. None outside a project, and none when its record
 * cannot be read: list describes the catalog, and `groundwork info` reports a broken record.
 */
async function projectStack(cwd: string): Promise<Record<string, string[]> | undefined> {
  return readGroundworkJson(cwd).then(
    (record) => record.stack,
    () => undefined,
  );
}

export async function runList(argv: readonly string[], cwd = process.cwd()): Promise<number> {
  const { flags, positionals } = parseArgs(argv, [{ name: 'json', type: 'boolean' }, { name: 'verbose', type: 'boolean' }], 'groundwork list');
  if (positionals.length > 0) throw new UsageError(`groundwork list takes no arguments, got: ${positionals.map(quote).join(' ')}. Run "groundwork list --help".`);
  const stack = await projectStack(cwd);
  if (flags.json) {
    const data = categories.map((c) => ({
      id: c.id,
      question: c.question,
      multiple: c.multiple,
      defaults: c.defaults,
      ...(stack && { project: stack[c.id] ?? [] }),
      options: c.options.map((o) => ({ id: o.id, label: o.label, hint: o.hint, fills: o.manifest.fills, requires: o.manifest.requires ?? [] })),
    }));
    console.log(JSON.stringify(data, null, 2));
    return 0;
  }
  for (const category of categories) {
    console.log(`${bold(category.id)} ${dim(`— ${category.question}${category.multiple ? ' (several allowed)' : ''}`)}`);
    for (const option of category.options) {
      const mark = category.defaults.includes(option.id) ? '*' : ' ';
      const inProject = stack ? (stack[category.id]?.includes(option.id) ? '+' : ' ') : '';
      console.log(`  ${mark}${inProject} ${option.id.padEnd(10)} ${option.label.padEnd(12)} ${dim(option.hint)}`);
    }
  }
  console.log(dim(`\n* default of create-groundwork${stack ? '   + in this project' : ''}`));
  return 0;
}
