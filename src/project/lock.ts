// One groundwork command at a time per project: a lock file created exclusively, naming the
// process that holds it. A lock whose process is gone (killed, crashed) is taken over.
import { hostname } from 'node:os';
import { openSync, readFileSync, unlinkSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { GroundworkError } from '../errors.js';

export const LOCK_FILE = '.groundwork.lock';

interface LockRecord {
  pid: number;
  host: string;
  command: string;
  started: string;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(path: string): LockRecord | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockRecord;
  } catch {
    return undefined;
  }
}

export interface ProjectLock {
  release(): void;
}

/** Takes the project's lock or explains who holds it. Released on release() or when the process exits. */
export function acquireProjectLock(root: string, command: string): ProjectLock {
  const path = join(root, LOCK_FILE);
  const record: LockRecord = { pid: process.pid, host: hostname(), command, started: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${JSON.stringify(record)}\n`);
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readLock(path);
      // Another host's process cannot be checked from here: only a lock of this host is taken over.
      const alive = holder === undefined || holder.host !== record.host || isRunning(holder.pid);
      if (alive || attempt > 0) {
        const who = holder ? `"${holder.command}" (pid ${holder.pid}${holder.host !== record.host ? ` on ${holder.host}` : ''}, started ${holder.started})` : 'a command that is still starting';
        throw new GroundworkError(`Another groundwork command is working in ${root}: ${who}. Wait for it to finish and run this again; if that process is gone, delete ${path}.`);
      }
      unlinkSync(path); // stale: its process is gone
    }
  }
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    if (readLock(path)?.pid === record.pid) unlinkSync(path);
  };
  process.on('exit', release);
  return { release };
}
