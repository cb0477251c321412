import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findCollisions, inspectTarget, stageProject } from '../../src/project/write-new.js';
import { snapshot, tempDir } from '../support/cli.js';

let dir: { path: string; cleanup(): Promise<void> };
beforeEach(async () => {
  dir = await tempDir('gw-write-');
});
afterEach(() => dir.cleanup());

const files = new Map([
  ['package.json', '{}\n'],
  ['src/app.ts', 'export {};\n'],
]);

describe('staged writes', () => {
  it('leaves nothing behind when discarded before the commit (Ctrl-C)', async () => {
    const target = join(dir.path, 'app');
    const staged = await stageProject(target, await inspectTarget(target, false), files);
    expect(await readdir(dir.path)).toHaveLength(1); // only the staging dir
    await staged.discard();
    expect(await readdir(dir.path)).toEqual([]);
  });

  it('moves the whole tree into a missing or empty target', async () => {
    const target = join(dir.path, 'app');
    await mkdir(target);
    const staged = await stageProject(target, await inspectTarget(target, false), files);
    await staged.commit();
    await staged.discard();
    expect(await readdir(dir.path)).toEqual(['app']);
    expect(await snapshot(target)).toEqual(Object.fromEntries(files));
  });

  it('with --force adds beside user files, keeping them and identical files as they are', async () => {
    const target = join(dir.path, 'app');
    await mkdir(target);
    await writeFile(join(target, 'notes.txt'), 'mine\n');
    await writeFile(join(target, 'package.json'), '{}\n');
    const state = await inspectTarget(target, true);
    expect(state).toBe('non-empty');
    expect(await findCollisions(target, files)).toEqual([]);
    await writeFile(join(target, 'package.json'), '{ "name": "mine" }\n');
    expect(await findCollisions(target, files)).toEqual(['package.json']);
    await writeFile(join(target, 'package.json'), '{}\n');
    const staged = await stageProject(target, state, files);
    await staged.commit();
    expect(await readFile(join(target, 'notes.txt'), 'utf8')).toBe('mine\n');
    expect(await readFile(join(target, 'src/app.ts'), 'utf8')).toBe('export {};\n');
    expect(await readdir(dir.path)).toEqual(['app']);
  });
});
