// Plans the file changes that turn a project generated for one stack into the project for another,
// without losing user work: untouched files are updated, pure additions are merged into edited
// files, and anything else is a conflict with a manual step. Pure: file reads come in as a function.
import { GROUNDWORK_JSON, type Composition } from '../compose/compose.js';
import { hashContents } from '../compose/hash.js';
import { mergeGeneratedChanges } from './merge-generated.js';
import { mergePackageJson } from './merge-package-json.js';

export type Change =
  | { kind: 'create'; path: string; contents: string }
  | { kind: 'update'; path: string; contents: string; merged: boolean }
  | { kind: 'delete'; path: string };

export interface Conflict {
  path: string;
  step: string;
}

export interface Plan {
  changes: Change[];
  conflicts: Conflict[];
}

const mergerFor = (path: string) => (path === 'package.json' ? mergePackageJson : mergeGeneratedChanges);

export function planChanges(
  recorded: Record<string, string>,
  before: Composition,
  after: Composition,
  readUserFile: (path: string) => string | undefined,
): Plan {
  const changes: Change[] = [];
  const conflicts: Conflict[] = [];
  const paths = new Set([...before.files.keys(), ...after.files.keys()]);
  paths.delete(GROUNDWORK_JSON);

  for (const path of [...paths].sort()) {
    const previous = before.files.get(path);
    const next = after.files.get(path);
    if (previous === next) continue;
    const user = readUserFile(path);
    const untouched = user !== undefined && recorded[path] === hashContents(user);

    if (next === undefined) {
      if (user === undefined) continue;
      if (untouched) changes.push({ kind: 'delete', path });
      else conflicts.push({ path, step: `you edited ${path}, which the new stack no longer uses: delete it yourself (or keep it and remove its registration), then run add again` });
      continue;
    }
    if (user === undefined) {
      // A new file is created; a generated file the user deleted stays deleted.
      if (previous === undefined) changes.push({ kind: 'create', path, contents: next });
      continue;
    }
    if (user === next) continue;
    if (untouched) {
      changes.push(previous === undefined ? { kind: 'create', path, contents: next } : { kind: 'update', path, contents: next, merged: false });
      continue;
    }
    if (previous === undefined) {
      conflicts.push({ path, step: `${path} already exists and is not the generated one: move it away, run add again, then bring your changes back` });
      continue;
    }
    // The user changed this file. Merge only when we know the base they started from.
    const merged = recorded[path] === hashContents(previous) ? mergerFor(path)(previous, next, user) : undefined;
    if (merged !== undefined) changes.push({ kind: 'update', path, contents: merged, merged: true });
    else conflicts.push({ path, step: `you edited ${path}; make it match the generated version's changes by hand:\n${describeDiff(previous, next)}` });
  }
  return { changes, conflicts };
}

/** A short added/removed line listing for manual steps. */
function describeDiff(previous: string, next: string): string {
  const before = new Set(previous.split('\n'));
  const after = new Set(next.split('\n'));
  const removed = [...before].filter((line) => !after.has(line) && line.trim() !== '').map((line) => `      - ${line}`);
  const added = [...after].filter((line) => !before.has(line) && line.trim() !== '').map((line) => `      + ${line}`);
  return [...removed, ...added].slice(0, 40).join('\n');
}
