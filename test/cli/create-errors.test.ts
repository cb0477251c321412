// Bad input: one line naming the value and what is accepted, exit 2 (usage) or 1, no stack trace,
// and the disk exactly as before.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGroundwork, snapshot, tempDir } from '../support/cli.js';

let dir: { path: string; cleanup(): Promise<void> };
beforeEach(async () => {
  dir = await tempDir();
  await mkdir(join(dir.path, 'busy'));
  await writeFile(join(dir.path, 'busy', 'notes.txt'), 'mine\n');
  await writeFile(join(dir.path, 'a-file'), 'x\n');
});
afterEach(() => dir.cleanup());

const cases: [string, string[], number, string][] = [
  ['an unknown flag', ['app', '--colour', 'red'], 2, 'Unknown option "--colour". Run "create-groundwork --help" for the accepted options.'],
  ['an unknown option value', ['app', '--db', 'mongo', '--yes'], 2, 'Unknown value "mongo" for --db. Accepted: postgres, mysql, sqlite, none.'],
  ['an empty --api', ['app', '--api', '', '--yes'], 2, '--api needs at least one value. Accepted: rest, graphql, grpc, websocket.'],
  ['a flag without its value', ['app', '--cache'], 2, '--cache needs a value. Accepted: memory, redis, none.'],
  ['two values for a single choice', ['app', '--auth', 'jwt,none'], 2, '--auth takes one value, got "jwt,none". Accepted: jwt, none.'],
  ['an unknown package manager', ['app', '--pm', 'npx', '--yes'], 2, 'Unknown value "npx" for --pm. Did you mean npm? Accepted: npm.'],
  ['pnpm, which the Dockerfile and CI workflow do not use', ['app', '--pm', 'pnpm', '--yes'], 2, '--pm pnpm is not supported yet: generated projects install with npm ci from package-lock.json'],
  ['yarn', ['app', '--pm', 'yarn', '--yes'], 2, '--pm yarn is not supported yet'],
  ['bun', ['app', '--pm', 'bun', '--yes'], 2, '--pm bun is not supported yet'],
  ['two directories', ['one', 'two', '--yes'], 2, 'Expected one project directory, got 2: one two.'],
  ['an invalid package name', ['My API', '--yes'], 2, 'Project name "My API" is not a valid npm package name'],
  ['a target that is a file', ['a-file', '--yes', '--no-install'], 1, 'is a file, not a directory'],
  ['a non-empty target without --force', ['busy', '--yes', '--no-install'], 1, 'is not empty (1 entries). Choose an empty or new directory, or pass --force'],
];

describe('create-groundwork with bad input', () => {
  it.each(cases)('refuses %s', async (_name, args, code, message) => {
    const before = await snapshot(dir.path);
    const result = await createGroundwork(args, dir.path);
    expect(result.exitCode).toBe(code);
    expect(result.stderr).toContain(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await snapshot(dir.path)).toEqual(before);
  });

  it('shows a stack only with --verbose', async () => {
    const result = await createGroundwork(['a-file', '--yes', '--no-install', '--verbose'], dir.path);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/\n\s+at /);
  });

  it('with --force, adds beside user files but refuses to replace one', async () => {
    await writeFile(join(dir.path, 'busy', 'package.json'), '{}\n');
    const before = await snapshot(dir.path);
    const result = await createGroundwork(['busy', '--yes', '--no-install', '--no-git', '--force'], dir.path);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('already has 1 file(s) the project would replace; nothing was written:');
    expect(result.stderr).toContain('  package.json');
    expect(await snapshot(dir.path)).toEqual(before);
  });
});
