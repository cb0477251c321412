// Plans the file changes that turn a project generated for one stack into the project for another,
// without losing user work: untouched files are updated, pure additions are merged into edited
// files, and anything else is a conflict with a manual step. Pure: file reads come in as a function.
import { GROUNDWORK_JSON, type Composition } from '../compose/compose.js';
import { hashContents } from '../compose/hash.js';
import { hunksBetween, mergeGeneratedChanges } from './merge-generated.js';
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
  /** Generated files the user deleted and the new stack would change: left deleted, and said so. */
  skipped: string[];
}

/** Files the new stack cannot work without: a user deletion of these is a conflict, not a skip. */
const WIRING = new Set(['src/modules.ts', 'package.json']);

const mergerFor = (path: string) => (path === 'package.json' ? mergePackageJson : mergeGeneratedChanges);

export function planChanges(
  recorded: Record<string, string>,
  before: Composition,
  after: Composition,
  readUserFile: (path: string) => string | undefined,
): Plan {
  const changes: Change[] = [];
  const conflicts: Conflict[] = [];
  const skipped: string[] = [];
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
      // A new file is created; a generated file the user deleted stays deleted, unless the new stack
      // needs its change (the module's registration line, its dependencies).
      if (previous === undefined) changes.push({ kind: 'create', path, contents: next });
      else if (WIRING.has(path)) {
        conflicts.push({ path, step: `you deleted ${path}, which the new stack needs; restore it (git checkout -- ${path}), then run add again. It must have:\n${describeDiff(previous, next)}` });
      } else skipped.push(path);
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
  return { changes, conflicts, skipped };
}

/**
 * The generator's change as hunks with the line they follow, so each block can be applied where it
 * belongs; a later run recognises blocks applied this way (merge-generated.ts) and goes on.
 */
function describeDiff(previous: string, next: string): string {
  const old = previous.split('\n');
  const out: string[] = [];
  for (const hunk of hunksBetween(old, next.split('\n'))) {
    const anchor = old.slice(0, hunk.start).findLast((line) => line.trim() !== '');
    out.push(anchor === undefined ? '      at the top:' : `      after the line "${anchor.trim()}":`);
    for (const line of old.slice(hunk.start, hunk.end)) out.push(`      - ${line}`);
    for (const line of hunk.lines) out.push(`      + ${line}`);
  }
  return (out.length > 60 ? [...out.slice(0, 60), `      … (${out.length - 60} more lines)`] : out).join('\n');
}
