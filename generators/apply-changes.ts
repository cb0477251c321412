// The file actions of `groundwork add`, run through node-plop. Contents arrive already rendered,
// so custom action types stage them verbatim (plop's own `add` would run handlebars over them a
// second time and break any literal `{{`). The actions write into the project's transaction
// (src/project/transaction.ts), never into the project itself: when every action has succeeded the
// transaction moves all of it into place at once, and any failure leaves the project as it was.
import type { Change } from '../src/project/plan-add.js';
import type { Transaction } from '../src/project/transaction.js';

interface ChangeAction {
  type: 'groundwork-stage';
  change: Change;
  abortOnFail: true;
}

export async function stageChangesWithPlop(projectDir: string, transaction: Transaction, changes: readonly Change[]): Promise<void> {
  const { default: nodePlop } = await import('node-plop');
  const plop = await nodePlop('', { destBasePath: projectDir, force: false });
  plop.setActionType('groundwork-stage', async (_answers, config) => {
    const { change } = config as unknown as ChangeAction;
    // Yield to the event loop between files, so a Ctrl-C while preparing is handled (and discards
    // the staging) at once rather than after the change has been applied.
    await new Promise((resolve) => setImmediate(resolve));
    transaction.stage(change.kind === 'delete' ? { path: change.path, delete: true } : { path: change.path, contents: change.contents });
    return change.path;
  });
  const actions: ChangeAction[] = changes.map((change) => ({ type: 'groundwork-stage', change, abortOnFail: true }));
  const generator = plop.setGenerator('groundwork-add', { description: 'stage a groundwork add plan', prompts: [], actions: actions as never });
  // runActions never rejects: failures come back as data.
  const { failures } = await generator.runActions({});
  if (failures.length === 0) return;
  const first = failures[0] as { path?: string; error?: unknown };
  throw new Error(`Preparing ${first.path ?? 'a file'} failed (${String(first.error)}); nothing was written.`);
}
