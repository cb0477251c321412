// The file list every project-changing command prints after its headline.
import type { ChangeOutcome } from './project-change.js';
import { cyan, dim } from './ui.js';

export function printChanges(outcome: ChangeOutcome): void {
  const lists = { created: outcome.created, updated: outcome.updated, 'merged into your edits': outcome.merged, deleted: outcome.deleted };
  for (const [label, paths] of Object.entries(lists)) for (const path of paths) console.log(`  ${dim(label.padEnd(22))} ${path}`);
  for (const note of outcome.notes) console.log(`${cyan('note:')} ${note}`);
}
