// Writes a freshly composed project into its target directory, all or nothing. The target itself is
// never removed or renamed (the user's shell may stand in it; it may be a mount point, a symlink or
// a setgid directory), so files are staged inside it and moved into place (see transaction.ts).
import { mkdirSync, readdirSync, readFileSync, rmdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GroundworkError } from '../errors.js';
import { acquireProjectLock, LOCK_FILE, type ProjectLock } from './lock.js';
import { recoverLeftover, stageChanges, TX_DIR, type FileChange, type Recovery } from './transaction.js';

export type TargetState = 'missing' | 'empty' | 'non-empty';

/** Our own lock and staging folders do not make a directory non-empty. */
const OWN_ENTRIES = new Set([LOCK_FILE, TX_DIR]);

function entriesOf(target: string): string[] {
  return readdirSync(target).filter((entry) => !OWN_ENTRIES.has(entry));
}

/** Refuses a target that is a file, or (without force) a non-empty directory. Reads only. */
export function inspectTarget(target: string, force: boolean): TargetState {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(target).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    if (code === 'ENOTDIR') throw new GroundworkError(`Target ${target} is inside a file, not a directory. Choose another path.`);
    if (code === 'EACCES') throw new GroundworkError(`Target ${target} cannot be read (permission denied).`);
    throw error;
  }
  if (!isDirectory) throw new GroundworkError(`Target ${target} is a file, not a directory. Choose another name.`);
  const entries = entriesOf(target);
  if (entries.length === 0) return 'empty';
  if (!force) {
    throw new GroundworkError(`Target ${target} is not empty (${entries.length} entries). Choose an empty or new directory, or pass --force to add the project beside what is there.`);
  }
  return 'non-empty';
}

/** With --force, existing files may stay, but none may be replaced by a different one. */
export function findCollisions(target: string, files: ReadonlyMap<string, string>): string[] {
  const collisions: string[] = [];
  for (const [path, contents] of files) {
    const existing = readExisting(target, path);
    if (existing !== undefined && existing !== contents) collisions.push(path);
  }
  return collisions;
}

export function readExisting(target: string, path: string): string | undefined {
  try {
    return readFileSync(join(target, path), 'utf8');
  } catch {
    return undefined;
  }
}

export interface OpenTarget {
  lock: ProjectLock;
  /** We made the directory (and maybe parents up to `createdTop`), so giving up removes them again. */
  createdRoot: boolean;
  createdTop?: string;
  recovery: Recovery;
}

/**
 * Makes the target (and missing parents) if needed and takes its lock; a run that died half-way in it
 * is undone first. Then checks again that it is (still) acceptable: another process may have written
 * in the meantime.
 */
export function openTarget(target: string, force: boolean, command: string): OpenTarget {
  let createdTop: string | undefined;
  try {
    createdTop = mkdirSync(target, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EROFS' || code === 'EPERM') throw new GroundworkError(`Cannot create ${target}: ${code === 'EROFS' ? 'read-only file system' : 'permission denied'}. Create it yourself, or choose a directory you can write to.`);
    if (code === 'ENOTDIR' || code === 'EEXIST') throw new GroundworkError(`Cannot create ${target}: a file stands in its path.`);
    throw error;
  }
  const lock = acquireLock(target, command, createdTop);
  try {
    const recovery = recoverLeftover(target);
    inspectTarget(target, force);
    return { lock, createdRoot: createdTop !== undefined || recovery.createdRoot, createdTop, recovery };
  } catch (error) {
    lock.release();
    throw error;
  }
}

function acquireLock(target: string, command: string, createdTop: string | undefined): ProjectLock {
  try {
    return acquireProjectLock(target, command);
  } catch (error) {
    removeCreated(target, createdTop);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EROFS' || code === 'EPERM') throw new GroundworkError(`Cannot write in ${target}: permission denied.`);
    throw error;
  }
}

/** Removes the target and the parents made for it, each only while empty. */
function removeCreated(target: string, createdTop = target): void {
  for (let dir = target; ; dir = dirname(dir)) {
    try {
      rmdirSync(dir);
    } catch {
      return; // not empty any more: something else was written there, leave it
    }
    if (dir === createdTop || dirname(dir) === dir) return;
  }
}

/**
 * Moves the files into the target in one transaction. With `createOnly` paths, a file that appeared
 * since the collision check makes it fail (and undo) rather than replace it.
 */
export function writeProject(target: string, open: OpenTarget, changes: FileChange[], command: string): void {
  stageChanges(target, changes, { command, createdRoot: open.createdRoot }).apply();
}

/** Gives up on a target opened with openTarget: releases the lock and removes a directory we made. */
export function abandonTarget(target: string, open: OpenTarget): void {
  open.lock.release();
  if (open.createdRoot) removeCreated(target, open.createdTop);
}
