// Writes a freshly composed project. Files are rendered into a temp dir beside the target and
// moved into place at the end, so an interrupted run leaves the disk as it was.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { GroundworkError } from '../errors.js';

export type TargetState = 'missing' | 'empty' | 'non-empty';

/** Refuses a target that is a file, or (without force) a non-empty directory. */
export async function inspectTarget(target: string, force: boolean): Promise<TargetState> {
  const info = await stat(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!info) return 'missing';
  if (!info.isDirectory()) throw new GroundworkError(`Target ${target} is a file, not a directory. Choose another name.`);
  const entries = await readdir(target);
  if (entries.length === 0) return 'empty';
  if (!force) {
    throw new GroundworkError(`Target ${target} is not empty (${entries.length} entries). Choose an empty or new directory, or pass --force to add the project beside what is there.`);
  }
  return 'non-empty';
}

/** With --force, existing files may stay, but none may be replaced by a different one. */
export async function findCollisions(target: string, files: Map<string, string>): Promise<string[]> {
  const collisions: string[] = [];
  for (const [path, contents] of files) {
    const existing = await readFile(join(target, path), 'utf8').catch(() => undefined);
    if (existing !== undefined && existing !== contents) collisions.push(path);
  }
  return collisions;
}

/** Synchronous for the same reason as template loading: many small files, thread hand-offs dominate. */
function writeTree(root: string, files: Map<string, string>): void {
  const dirs = new Set([...files.keys()].map((path) => dirname(join(root, path))));
  for (const dir of dirs) mkdirSync(dir, { recursive: true });
  for (const [path, contents] of files) writeFileSync(join(root, path), contents);
}

export interface StagedProject {
  /** Moves the files into the target. */
  commit(): Promise<void>;
  /** Removes the temp dir; safe to call at any point, also after commit. */
  discard(): Promise<void>;
}

export async function stageProject(target: string, state: TargetState, files: Map<string, string>): Promise<StagedProject> {
  const staging = join(dirname(target), `.${basename(target)}.groundwork-${randomBytes(4).toString('hex')}`);
  const discard = () => rm(staging, { recursive: true, force: true });
  try {
    writeTree(staging, files);
  } catch (error) {
    await discard();
    throw error;
  }
  const commit = async () => {
    if (state === 'missing') return rename(staging, target);
    if (state === 'empty') {
      await rmdir(target);
      return rename(staging, target);
    }
    await moveInto(staging, target, [...files.keys()]);
    await discard();
  };
  return { commit, discard };
}

/** Moves files one by one into a non-empty target, undoing the moves if one fails. */
async function moveInto(staging: string, target: string, paths: string[]): Promise<void> {
  const moved: string[] = [];
  try {
    for (const path of paths) {
      const destination = join(target, path);
      if (await readFile(destination).then(() => true, () => false)) continue; // identical (collisions were refused)
      await mkdir(dirname(destination), { recursive: true });
      await rename(join(staging, path), destination);
      moved.push(path);
    }
  } catch (error) {
    await Promise.all(moved.map((path) => rm(join(target, path), { force: true })));
    throw error;
  }
}
