// Runs the built bins the way a user does: a separate node process, no TTY.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { execa } from 'execa';
import { expect } from 'vitest';
import { packageRoot } from '../../src/paths.js';

export interface CliResult {
  exitCode: number;
  /** The signal that ended the process, if one did (then exitCode is -1). */
  signal?: string;
  stdout: string;
  stderr: string;
}

/** Starts a built bin the way a user does; await the returned process for its result. */
export function startBin(bin: 'create-groundwork.js' | 'groundwork.js', args: string[], cwd: string, env: Record<string, string> = {}) {
  return execa('node', [join(packageRoot, 'bin', bin), ...args], {
    cwd,
    reject: false,
    stdin: 'ignore',
    env: { NO_COLOR: '1', npm_config_user_agent: '', ...env },
  });
}

async function runBin(bin: 'create-groundwork.js' | 'groundwork.js', args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliResult> {
  const result = await startBin(bin, args, cwd, env);
  return { exitCode: result.exitCode ?? -1, signal: result.signal ?? undefined, stdout: result.stdout, stderr: result.stderr };
}

export const createGroundwork = (args: string[], cwd: string, env?: Record<string, string>) => runBin('create-groundwork.js', args, cwd, env);
export const groundwork = (args: string[], cwd: string, env?: Record<string, string>) => runBin('groundwork.js', args, cwd, env);

export async function tempDir(prefix = 'gw-'): Promise<{ path: string; cleanup(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}

/** Every file below dir with its contents, for before/after comparisons of the disk. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile());
  const pairs = await Promise.all(
    files.map(async (entry) => {
      const path = join(entry.parentPath, entry.name);
      return [relative(dir, path), await readFile(path, 'utf8')] as const;
    }),
  );
  return Object.fromEntries(pairs.sort(([a], [b]) => a.localeCompare(b)));
}

/** Runs `groundwork <args>` in `project` and checks it refused: the exit code, one stderr line holding `message`, no file changed. */
export async function expectRefusal(project: string, args: string[], exitCode: number, message: string): Promise<void> {
  const before = await snapshot(project);
  const result = await groundwork(args, project);
  expect(result.exitCode, result.stderr).toBe(exitCode);
  expect(result.stderr).toContain(message);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(await snapshot(project)).toEqual(before);
}
