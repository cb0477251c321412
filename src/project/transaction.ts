// All-or-nothing file changes inside one directory, safe against errors, signals and crashes.
//
// New contents are staged in <root>/.groundwork-tx/staged (inside the root, so every move into place
// is a rename on the same filesystem, whatever the root is: a mount, a symlink, a setgid directory,
// a folder whose parent is read-only). Files that are replaced or deleted are first moved to
// .groundwork-tx/backup. A journal, written and flushed before the first change, lets the next
// command undo a run that died half-way (`recoverLeftover`). Applying is synchronous on purpose: a
// signal handler cannot run between two renames, so a Ctrl-C lands before or after the change, and
// only a hard kill can leave a journal behind.
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { GroundworkError } from '../errors.js';
import { faultPoint } from './faults.js';

export const TX_DIR = '.groundwork-tx';
const JOURNAL = 'journal.json';

export type FileChange =
  /** `createOnly`: fail (and undo everything) rather than replace a file that exists by now. */
  | { path: string; contents: string; mode?: number; createOnly?: boolean }
  | { path: string; delete: true };

interface Journal {
  version: 1;
  pid: number;
  command: string;
  state: 'applying' | 'committed';
  /** Every path written or deleted, in order. */
  paths: string[];
  /** Paths that did not exist before: removed on undo. */
  created: string[];
  /** Directories that did not exist before, deepest first: removed on undo when empty. */
  newDirs: string[];
  /** The root itself was made for this run (create into a missing directory). */
  createdRoot: boolean;
}

export interface Recovery {
  /** 'undone': a run died while applying and was rolled back; 'finished': it had committed. */
  outcome: 'none' | 'discarded' | 'undone' | 'finished';
  /** The dead run's command line, when there was a journal. */
  command?: string;
  createdRoot: boolean;
}

/** A project-relative path that stays inside the root and outside our own folder. */
export function checkRelativePath(path: string): string {
  const normal = normalize(path);
  if (path === '' || isAbsolute(path) || normal.startsWith(`..${sep}`) || normal === '..' || normal.split(sep)[0] === TX_DIR) {
    throw new Error(`Refusing to write outside the project: ${JSON.stringify(path)}`);
  }
  return normal;
}

const exists = (path: string) => {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
};

/** Writes a file and flushes it, so a journal is on disk before anything it describes happens. */
function writeDurably(path: string, contents: string): void {
  const temp = `${path}.${randomBytes(4).toString('hex')}`;
  const fd = openSync(temp, 'w');
  try {
    writeFileSync(fd, contents);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

function readJournal(txDir: string): Journal | undefined {
  try {
    return JSON.parse(readFileSync(join(txDir, JOURNAL), 'utf8')) as Journal;
  } catch {
    return undefined;
  }
}

/** Removes now-empty directories from `dir` up to (not including) `root`. */
function pruneEmptyDirs(root: string, dir: string): void {
  for (let current = dir; current !== root && current.startsWith(root); current = dirname(current)) {
    try {
      if (readdirSync(current).length > 0) return;
      rmdirSync(current);
    } catch {
      return;
    }
  }
}

/** Puts back every backup and removes what was new; every step is tried, whatever failed before it. */
function undo(root: string, txDir: string, journal: Journal): void {
  const created = new Set(journal.created);
  const failed: string[] = [];
  for (const path of [...journal.paths].reverse()) {
    const target = join(root, path);
    const backup = join(txDir, 'backup', path);
    try {
      if (exists(backup)) {
        mkdirSync(dirname(target), { recursive: true });
        renameSync(backup, target);
      } else if (created.has(path) && exists(target)) rmSync(target, { force: true });
    } catch {
      failed.push(path);
    }
  }
  for (const dir of journal.newDirs) {
    try {
      rmdirSync(join(root, dir));
    } catch {
      // not empty, or never made: leave it
    }
  }
  if (failed.length > 0) {
    throw new GroundworkError(`Could not put back ${failed.join(', ')} in ${root}; the originals are kept in ${txDir}/backup.`);
  }
}

export interface Transaction {
  /** Writes one new file into the staging area (or notes a deletion); nothing in the root changes yet. */
  stage(change: FileChange): void;
  /** Moves everything staged into place, or nothing (it undoes itself on any error). Synchronous. */
  apply(): void;
  /** Drops what was staged; the root is as it was. Synchronous, so a signal handler may call it. */
  discard(): void;
}

export interface TransactionOptions {
  /** The command line, recorded in the journal for the message a later run prints. */
  command: string;
  createdRoot?: boolean;
}

export function beginTransaction(root: string, options: TransactionOptions): Transaction {
  const txDir = join(root, TX_DIR);
  const changes: FileChange[] = [];
  const paths: string[] = [];
  const discard = () => rmSync(txDir, { recursive: true, force: true });
  mkdirSync(join(txDir, 'staged'), { recursive: true });

  const stage = (change: FileChange) => {
    const path = checkRelativePath(change.path);
    if (paths.includes(path)) throw new Error(`${path} is changed twice in one transaction`);
    faultPoint('stage');
    if (!('delete' in change)) {
      const staged = join(txDir, 'staged', path);
      mkdirSync(dirname(staged), { recursive: true });
      writeFileSync(staged, change.contents, change.mode === undefined ? undefined : { mode: change.mode });
    }
    changes.push(change);
    paths.push(path);
  };

  const apply = () => {
    const created = paths.filter((path) => !exists(join(root, path)));
    const newDirs = new Set<string>();
    for (const path of created) {
      for (let dir = dirname(path); dir !== '.' && !exists(join(root, dir)); dir = dirname(dir)) newDirs.add(dir);
    }
    const journal: Journal = {
      version: 1,
      pid: process.pid,
      command: options.command,
      state: 'applying',
      paths,
      created,
      newDirs: [...newDirs].sort((a, b) => b.split(sep).length - a.split(sep).length),
      createdRoot: options.createdRoot === true,
    };
    writeDurably(join(txDir, JOURNAL), JSON.stringify(journal));
    const isNew = new Set(created);
    try {
      changes.forEach((change, index) => {
        const path = paths[index]!;
        const target = join(root, path);
        const backup = join(txDir, 'backup', path);
        if ('delete' in change && isNew.has(path)) return; // already gone
        faultPoint('apply');
        if (!isNew.has(path)) {
          if (!('delete' in change) && change.createOnly) throw new GroundworkError(`${path} appeared while the project was being written; nothing was written.`);
          const mode = lstatSync(target).mode;
          mkdirSync(dirname(backup), { recursive: true });
          renameSync(target, backup);
          // A replaced file keeps its permissions (an executable script stays executable).
          if (!('delete' in change) && change.mode === undefined) chmodSync(join(txDir, 'staged', path), mode & 0o7777);
        }
        if ('delete' in change) pruneEmptyDirs(root, dirname(target));
        else {
          mkdirSync(dirname(target), { recursive: true });
          renameSync(join(txDir, 'staged', path), target);
        }
      });
    } catch (error) {
      undo(root, txDir, journal);
      discard();
      throw error;
    }
    writeDurably(join(txDir, JOURNAL), JSON.stringify({ ...journal, state: 'committed' }));
    discard();
  };
  return { stage, apply, discard };
}

/** Stages every change at once (see beginTransaction). */
export function stageChanges(root: string, changes: readonly FileChange[], options: TransactionOptions): Transaction {
  const transaction = beginTransaction(root, options);
  try {
    for (const change of changes) transaction.stage(change);
  } catch (error) {
    transaction.discard();
    throw error;
  }
  return transaction;
}

/**
 * Finishes or undoes what a dead run left in `root`: staged files without a journal are dropped, a
 * run that died while applying is rolled back, one that had committed is only tidied up.
 */
export function recoverLeftover(root: string): Recovery {
  const txDir = join(root, TX_DIR);
  if (!existsSync(txDir)) return { outcome: 'none', createdRoot: false };
  const journal = readJournal(txDir);
  if (!journal) {
    rmSync(txDir, { recursive: true, force: true });
    return { outcome: 'discarded', createdRoot: false };
  }
  if (journal.state === 'applying') undo(root, txDir, journal);
  rmSync(txDir, { recursive: true, force: true });
  return { outcome: journal.state === 'applying' ? 'undone' : 'finished', command: journal.command, createdRoot: journal.createdRoot && journal.state === 'applying' };
}
