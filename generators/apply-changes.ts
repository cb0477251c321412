// The file actions of `groundwork add`, run through node-plop. Contents arrive already rendered,
// so custom action types write them verbatim (plop's own `add` would run handlebars over them a
// second time and break any literal `{{`). runActions never rejects: failures are checked here,
// and a failure puts back every file touched so far.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Change } from '../src/project/plan-add.js';

interface ChangeAction {
  type: 'groundwork-write' | 'groundwork-delete';
  path: string;
  contents?: string;
  abortOnFail: true;
}

export async function applyChanges(projectDir: string, changes: readonly Change[], originals: ReadonlyMap<string, string | undefined>): Promise<void> {
  const { default: nodePlop } = await import('node-plop');
  const plop = await nodePlop('', { destBasePath: projectDir, force: false });
  const touched: string[] = [];

  plop.setActionType('groundwork-write', async (_answers, config) => {
    const { path, contents } = config as unknown as ChangeAction;
    const target = join(projectDir, path);
    touched.push(path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, contents ?? '');
    return path;
  });
  plop.setActionType('groundwork-delete', async (_answers, config) => {
    const { path } = config as unknown as ChangeAction;
    touched.push(path);
    await rm(join(projectDir, path));
    return path;
  });

  const actions: ChangeAction[] = changes.map((change) =>
    change.kind === 'delete'
      ? { type: 'groundwork-delete', path: change.path, abortOnFail: true }
      : { type: 'groundwork-write', path: change.path, contents: change.contents, abortOnFail: true },
  );
  const generator = plop.setGenerator('groundwork-add', { description: 'apply a groundwork add plan', prompts: [], actions: actions as never });
  const { failures } = await generator.runActions({});
  if (failures.length === 0) return;

  await restore(projectDir, touched, originals);
  const first = failures[0] as { path?: string; error?: unknown };
  throw new Error(`Writing ${first.path ?? 'a file'} failed (${String(first.error)}); every file was put back as it was.`);
}

async function restore(projectDir: string, paths: readonly string[], originals: ReadonlyMap<string, string | undefined>): Promise<void> {
  for (const path of paths) {
    const original = originals.get(path);
    const target = join(projectDir, path);
    if (original === undefined) await rm(target, { force: true });
    else {
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, original);
    }
  }
}
