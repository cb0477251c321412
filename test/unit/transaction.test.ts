import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as fs from 'node:fs';
import { beginTransaction, recoverLeftover, stageChanges, TX_DIR } from '../../src/project/transaction.js';
import { findCollisions, inspectTarget, openTarget, abandonTarget } from '../../src/project/write-new.js';
import { snapshot, tempDir } from '../support/cli.js';

vi.mock('node:fs', async (importOriginal) => ({ ...(await importOriginal<typeof import('node:fs')>()) }));

let dir: { path: string; cleanup(): Promise<void> };
beforeEach(async () => {
  dir = await tempDir('gw-tx-');
});
afterEach(async () => {
  vi.restoreAllMocks();
  await dir.cleanup();
});

const write = (path: string, contents: string) => {
  mkdirSync(join(dir.path, path, '..'), { recursive: true });
  writeFileSync(join(dir.path, path), contents);
};

describe('transactions', () => {
  it('change nothing until applied, and nothing at all when discarded', async () => {
    write('keep.txt', 'mine\n');
    const before = await snapshot(dir.path);
    const tx = stageChanges(dir.path, [{ path: 'src/app.ts', contents: 'new\n' }, { path: 'keep.txt', delete: true }], { command: 'test' });
    expect(readdirSync(dir.path).sort()).toEqual([TX_DIR, 'keep.txt']);
    tx.discard();
    expect(await snapshot(dir.path)).toEqual(before);
    expect(readdirSync(dir.path)).toEqual(['keep.txt']);
  });

  it('create, replace and delete at once, keep a replaced file\'s mode and remove directories left empty', async () => {
    write('bin/run.sh', 'old\n');
    chmodSync(join(dir.path, 'bin/run.sh'), 0o755);
    write('src/modules/cache-memory/index.ts', 'memory\n');
    write('src/modules.ts', 'a\n');
    const tx = stageChanges(dir.path, [
      { path: 'bin/run.sh', contents: 'new\n' },
      { path: 'src/modules/cache-memory/index.ts', delete: true },
      { path: 'src/modules/cache-redis/index.ts', contents: 'redis\n' },
      { path: '.env', contents: 'SECRET=x\n', mode: 0o600 },
    ], { command: 'test' });
    tx.apply();
    expect(await snapshot(dir.path)).toEqual({ '.env': 'SECRET=x\n', 'bin/run.sh': 'new\n', 'src/modules.ts': 'a\n', 'src/modules/cache-redis/index.ts': 'redis\n' });
    expect(statSync(join(dir.path, 'bin/run.sh')).mode & 0o777).toBe(0o755);
    expect(statSync(join(dir.path, '.env')).mode & 0o777).toBe(0o600);
    expect(existsSync(join(dir.path, 'src/modules/cache-memory'))).toBe(false);
    expect(existsSync(join(dir.path, TX_DIR))).toBe(false);
  });

  it('undo every change when one fails half-way, new directories included', async () => {
    write('a.txt', 'a\n');
    write('z.txt', 'z\n');
    const before = await snapshot(dir.path);
    const tx = stageChanges(dir.path, [
      { path: 'a.txt', contents: 'A\n' },
      { path: 'deep/new/file.txt', contents: 'new\n' },
      { path: 'z.txt/inside', contents: 'cannot be\n' }, // z.txt is a file: moving this fails
    ], { command: 'test' });
    expect(() => tx.apply()).toThrow();
    expect(await snapshot(dir.path)).toEqual(before);
    expect(readdirSync(dir.path).sort()).toEqual(['a.txt', 'z.txt']);
  });

  it('never replaces a file that appeared after the check when asked to only create', async () => {
    const tx = stageChanges(dir.path, [{ path: 'one.txt', contents: '1\n', createOnly: true }, { path: 'two.txt', contents: '2\n', createOnly: true }], { command: 'test' });
    write('two.txt', 'the user was faster\n');
    expect(() => tx.apply()).toThrow('two.txt appeared while the project was being written');
    expect(await snapshot(dir.path)).toEqual({ 'two.txt': 'the user was faster\n' });
  });

  it('a run that died while applying is undone by the next one; one that had committed is only tidied', async () => {
    write('a.txt', 'a\n');
    const before = await snapshot(dir.path);
    const tx = beginTransaction(dir.path, { command: 'groundwork add cache redis' });
    tx.stage({ path: 'a.txt', contents: 'A\n' });
    tx.stage({ path: 'b/b.txt', contents: 'B\n' });
    tx.stage({ path: 'c.txt', contents: 'C\n' });
    // Die after two of three moves: from then on the "dead" process touches nothing (no undo, no cleanup).
    let dead = false;
    let moves = 0;
    const realRename = fs.renameSync;
    vi.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      if (dead) return;
      if (!String(to).startsWith(join(dir.path, TX_DIR)) && ++moves === 3) {
        dead = true;
        throw new Error('killed');
      }
      realRename(from, to);
    });
    for (const name of ['rmSync', 'rmdirSync', 'mkdirSync', 'writeFileSync'] as const) {
      const real = fs[name] as (...args: unknown[]) => unknown;
      vi.spyOn(fs, name).mockImplementation(((...args: unknown[]) => (dead ? undefined : real(...args))) as never);
    }
    expect(() => tx.apply()).toThrow('killed');
    vi.restoreAllMocks();
    expect(readFileSync(join(dir.path, 'a.txt'), 'utf8')).toBe('A\n'); // half-applied, as a crash leaves it
    expect(existsSync(join(dir.path, TX_DIR, 'journal.json'))).toBe(true);
    const recovery = recoverLeftover(dir.path);
    expect(recovery).toMatchObject({ outcome: 'undone', command: 'groundwork add cache redis' });
    expect(await snapshot(dir.path)).toEqual(before);
    expect(readdirSync(dir.path)).toEqual(['a.txt']);
    expect(recoverLeftover(dir.path).outcome).toBe('none');
  });

  it('refuse paths outside the project', () => {
    const tx = beginTransaction(dir.path, { command: 'test' });
    for (const path of ['../evil', '/etc/passwd', 'a/../../evil', `${TX_DIR}/journal.json`, '']) {
      expect(() => tx.stage({ path, contents: 'x' }), path).toThrow('Refusing to write outside the project');
    }
    tx.discard();
  });
});

describe('create targets', () => {
  it('keep an existing empty directory itself: same inode, mode and group; nothing staged beside it', async () => {
    const target = join(dir.path, 'app');
    mkdirSync(target, { mode: 0o2775 });
    chmodSync(target, 0o2775);
    const { ino, mode } = statSync(target);
    const open = openTarget(target, false, 'create-groundwork app');
    stageChanges(target, [{ path: 'package.json', contents: '{}\n', createOnly: true }], { command: 'test' }).apply();
    abandonTarget(target, { ...open, createdRoot: false });
    expect(statSync(target)).toMatchObject({ ino, mode });
    expect(readdirSync(dir.path)).toEqual(['app']);
    expect(readdirSync(target)).toEqual(['package.json']);
  });

  it('count our own lock and staging folders as empty, and refuse a file or a non-empty directory without force', () => {
    const target = join(dir.path, 'app');
    expect(inspectTarget(target, false)).toBe('missing');
    mkdirSync(join(target, TX_DIR), { recursive: true });
    expect(inspectTarget(target, false)).toBe('empty');
    writeFileSync(join(target, 'notes.txt'), 'mine\n');
    expect(() => inspectTarget(target, false)).toThrow('is not empty (1 entries)');
    expect(inspectTarget(target, true)).toBe('non-empty');
    expect(() => inspectTarget(join(target, 'notes.txt'), false)).toThrow('is a file');
    expect(() => inspectTarget(join(target, 'notes.txt', 'x'), false)).toThrow('is inside a file');
  });

  it('with --force list only files that would change', () => {
    write('package.json', '{}\n');
    write('README.md', 'mine\n');
    expect(findCollisions(dir.path, new Map([['package.json', '{}\n'], ['README.md', '# generated\n'], ['src/app.ts', '']]))).toEqual(['README.md']);
  });

  it('remove a directory it made when it gives up, and leave one that was there', () => {
    const made = join(dir.path, 'made');
    abandonTarget(made, openTarget(made, false, 'test'));
    expect(existsSync(made)).toBe(false);
    const nested = join(dir.path, 'apps', 'team', 'api');
    abandonTarget(nested, openTarget(nested, false, 'test'));
    expect(readdirSync(dir.path)).toEqual([]);
    const existing = join(dir.path, 'existing');
    mkdirSync(existing);
    abandonTarget(existing, openTarget(existing, false, 'test'));
    expect(readdirSync(existing)).toEqual([]);
  });

  it('explain a parent that cannot be written to', () => {
    if (process.getuid?.() === 0) return; // root writes anywhere; the CLI test covers this as a normal user
    const parent = join(dir.path, 'ro');
    mkdirSync(parent, { mode: 0o555 });
    expect(() => openTarget(join(parent, 'app'), false, 'test')).toThrow('permission denied');
  });
});
