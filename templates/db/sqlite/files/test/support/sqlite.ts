// A throwaway folder per test file for SQLite database files (the tests' apps otherwise live in memory).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestFolder {
  /** A database path inside the folder (the file does not exist yet). */
  file(name: string): string;
  remove(): Promise<void>;
}

export async function createTestFolder(): Promise<TestFolder> {
  const dir = await mkdtemp(join(tmpdir(), 'sqlite-test-'));
  return { file: (name) => join(dir, name), remove: () => rm(dir, { recursive: true, force: true }) };
}
