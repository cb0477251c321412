// Every command is all or nothing, even when interrupted or killed, one at a time per project, and
// keeps the target directory itself as it is. Crashes and signals are injected at exact points with
// GROUNDWORK_FAULT (src/project/faults.ts), so these tests do not depend on timing.
import { execa } from 'execa';
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashContents } from '../../src/compose/hash.js';
import { LOCK_FILE } from '../../src/project/lock.js';
import { TX_DIR } from '../../src/project/transaction.js';
import { createGroundwork, groundwork, snapshot, startBin, tempDir } from '../support/cli.js';

let dir: { path: string; cleanup(): Promise<void> };
beforeEach(async () => {
  dir = await tempDir('gw-safety-');
});
afterEach(() => dir.cleanup());

const quick = ['--yes', '--no-install', '--no-git'];
const fault = (value: string) => ({ GROUNDWORK_FAULT: value });

/** Every file groundwork.json records is there with its recorded contents, and nothing of ours is left over. */
function expectCompleteProject(project: string): Record<string, string> {
  const record = JSON.parse(readFileSync(join(project, 'groundwork.json'), 'utf8')) as { files: Record<string, string>; modules: string[] };
  for (const [path, hash] of Object.entries(record.files)) expect(hashContents(readFileSync(join(project, path), 'utf8')), path).toBe(hash);
  expect(existsSync(join(project, TX_DIR))).toBe(false);
  expect(existsSync(join(project, LOCK_FILE))).toBe(false);
  return record.files;
}

/** Waits until a process stopped itself (GROUNDWORK_FAULT=...:SIGSTOP). */
async function stopped(pid: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
    if (state === 'T') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`process ${pid} did not stop`);
}

/** Runs body with dir immutable (even root cannot create entries in it); skips where chattr is not possible. */
async function withImmutable(path: string, body: () => Promise<void>): Promise<boolean> {
  if ((await execa('chattr', ['+i', path], { reject: false })).exitCode !== 0) return false;
  try {
    await body();
  } finally {
    await execa('chattr', ['-i', path], { reject: false });
  }
  return true;
}

describe('create-groundwork into odd directories', () => {
  it('writes into the current, empty directory without replacing it (the shell standing in it stays valid)', async () => {
    const target = join(dir.path, 'api');
    mkdirSync(target);
    const { ino } = statSync(target);
    const result = await createGroundwork(['.', ...quick], target);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(statSync(target).ino).toBe(ino);
    expect(readdirSync(dir.path)).toEqual(['api']);
    expectCompleteProject(target);
    expect((await execa('sh', ['-c', 'pwd -P && ls groundwork.json'], { cwd: target })).stdout).toContain('groundwork.json');
  });

  it('keeps a setgid directory’s mode and group, and the files it writes take that group', async () => {
    const target = join(dir.path, 'shared');
    mkdirSync(target);
    chownSync(target, process.getuid!(), 65534);
    chmodSync(target, 0o2775);
    const before = statSync(target);
    expect((await createGroundwork([target, ...quick], dir.path)).exitCode).toBe(0);
    const after = statSync(target);
    expect({ mode: after.mode, gid: after.gid, ino: after.ino }).toEqual({ mode: before.mode, gid: before.gid, ino: before.ino });
    expect(statSync(join(target, 'src/app.ts')).gid).toBe(65534);
    expect(statSync(join(target, 'src')).mode & 0o2000).toBe(0o2000);
  });

  it('writes through a symlinked target and leaves nothing beside it (no staging folder holding the .env secret)', async () => {
    mkdirSync(join(dir.path, 'real'));
    symlinkSync(join(dir.path, 'real'), join(dir.path, 'link'));
    const result = await createGroundwork(['link', ...quick], dir.path);
    expect(result.stderr).toBe('');
    expect(lstatSync(join(dir.path, 'link')).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir.path).sort()).toEqual(['link', 'real']);
    expectCompleteProject(join(dir.path, 'real'));
    expect(readFileSync(join(dir.path, 'real', '.env'), 'utf8')).toMatch(/^JWT_SECRET=/m);
    expect(statSync(join(dir.path, 'real', '.env')).mode & 0o777).toBe(0o600);
  });

  it('writes into a mount point', async () => {
    const target = join(dir.path, 'mnt');
    mkdirSync(target);
    if ((await execa('mount', ['-t', 'tmpfs', 'tmpfs', target], { reject: false })).exitCode !== 0) return; // needs root
    try {
      const result = await createGroundwork([target, ...quick], dir.path);
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
      expectCompleteProject(target);
      expect(readdirSync(dir.path)).toEqual(['mnt']);
    } finally {
      await execa('umount', [target], { reject: false });
    }
  });

  it('writes into an empty directory whose parent it cannot write to, with or without --force', async () => {
    const parent = join(dir.path, 'srv');
    mkdirSync(join(parent, 'app'), { recursive: true });
    mkdirSync(join(parent, 'forced'));
    const ran = await withImmutable(parent, async () => {
      const plain = await createGroundwork([join(parent, 'app'), ...quick], dir.path);
      expect(plain.stderr).toBe('');
      const forced = await createGroundwork([join(parent, 'forced'), ...quick, '--force'], dir.path);
      expect(forced.stderr).toBe('');
      expect([plain.exitCode, forced.exitCode]).toEqual([0, 0]);
    });
    if (!ran) return;
    expectCompleteProject(join(parent, 'app'));
    expectCompleteProject(join(parent, 'forced'));
    expect(readdirSync(parent).sort()).toEqual(['app', 'forced']);
  });

  it('explains a new directory it cannot create, and writes nothing', async () => {
    const parent = join(dir.path, 'srv');
    mkdirSync(parent);
    await withImmutable(parent, async () => {
      const result = await createGroundwork([join(parent, 'app'), ...quick], dir.path);
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toContain(`Cannot create ${join(parent, 'app')}: permission denied`);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(readdirSync(parent)).toEqual([]);
    });
  });

  it('adds its secret to an existing .env of a --force target and says so, keeping every line of the user’s', async () => {
    const target = join(dir.path, 'busy');
    mkdirSync(target);
    writeFileSync(join(target, '.env'), 'DATABASE_URL=postgres://me@db/app\n# mine\n');
    writeFileSync(join(target, 'notes.txt'), 'mine\n');
    const result = await createGroundwork([target, ...quick, '--force'], dir.path);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Added JWT_SECRET to your existing .env (nothing in it was changed).');
    expect(readFileSync(join(target, '.env'), 'utf8')).toMatch(/^DATABASE_URL=postgres:\/\/me@db\/app\n# mine\nJWT_SECRET=[\w-]{43}\n$/);
    expect(readFileSync(join(target, 'notes.txt'), 'utf8')).toBe('mine\n');
  });
});

describe('create-groundwork next steps', () => {
  it('quote a path the shell would split or expand, and suggest only the project’s groundwork script', async () => {
    mkdirSync(join(dir.path, "it's"));
    const result = await createGroundwork(["it's/api", ...quick], dir.path);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`  cd "it's/api"\n`);
    expect(result.stdout).toContain('npm run groundwork -- add <category> <option>');
    expect(result.stdout).not.toContain('npx groundwork');
    const json = JSON.parse((await createGroundwork(['$HOME/x', ...quick, '--json'], dir.path)).stdout);
    expect(json.nextSteps[0]).toBe("cd '$HOME/x'");
  });
});

describe('create-groundwork run through another package manager', () => {
  it('installs with npm, which the Dockerfile and CI use, and says so', async () => {
    const result = await createGroundwork(['api', ...quick, '--json'], dir.path, { npm_config_user_agent: 'pnpm/10.2.0 npm/? node/v24.11.0 linux x64' });
    expect(result.exitCode).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.packageManager).toBe('npm');
    expect(summary.notes).toContain('You ran this with pnpm; the project is installed with npm, which its Dockerfile and CI workflow use (npm ci from package-lock.json).');
    expect(summary.nextSteps).toContain('npm install');
  });
});

describe('create-groundwork interrupted', () => {
  it('killed half-way through a --force write: the next run undoes the half, keeps the user’s files, then finishes', async () => {
    const target = join(dir.path, 'busy');
    mkdirSync(join(target, 'src'), { recursive: true });
    writeFileSync(join(target, 'notes.txt'), 'mine\n');
    writeFileSync(join(target, 'src', 'mine.ts'), 'export {};\n');
    const userFiles = await snapshot(target);

    const crashed = await createGroundwork([target, ...quick, '--force'], dir.path, fault('apply:20:SIGKILL'));
    expect(crashed.signal).toBe('SIGKILL');
    expect(existsSync(join(target, TX_DIR, 'journal.json'))).toBe(true);
    expect(existsSync(join(target, 'groundwork.json'))).toBe(false);

    const again = await createGroundwork([target, ...quick, '--force'], dir.path);
    expect(again.stderr).toBe('');
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('had left files in');
    expectCompleteProject(target);
    const after = await snapshot(target);
    for (const [path, contents] of Object.entries(userFiles)) expect(after[path]).toBe(contents);
  });

  it('killed while creating a new directory: a run without --force goes ahead, as the directory holds nothing of the user’s', async () => {
    const crashed = await createGroundwork(['fresh', ...quick], dir.path, fault('apply:10:SIGKILL'));
    expect(crashed.signal).toBe('SIGKILL');
    const again = await createGroundwork(['fresh', ...quick], dir.path);
    expect(again.stderr).toBe('');
    expect(again.exitCode).toBe(0);
    expectCompleteProject(join(dir.path, 'fresh'));
  });

  it('Ctrl-C while writing a --force project leaves the whole project, never a part, and never claims nothing was written', async () => {
    const target = join(dir.path, 'busy');
    mkdirSync(target);
    writeFileSync(join(target, 'notes.txt'), 'mine\n');
    const result = await createGroundwork([target, ...quick, '--force'], dir.path, fault('apply:5:SIGINT'));
    expect([0, 130]).toContain(result.exitCode);
    expect(result.stderr).not.toContain('nothing was written');
    expectCompleteProject(target);
  });

  it('two creates into one new directory: the second is refused, naming the first, and writes nothing', async () => {
    const first = startBin('create-groundwork.js', ['same', ...quick], dir.path, fault('stage:1:SIGSTOP'));
    await stopped(first.pid!);
    const second = await createGroundwork(['same', ...quick, '--force'], dir.path);
    expect(second.exitCode).toBe(1);
    expect(second.stderr).toMatch(new RegExp(`Another groundwork command is working in .*same: "create-groundwork same --yes --no-install --no-git" \\(pid ${first.pid}, started `));
    process.kill(first.pid!, 'SIGCONT');
    expect((await first).exitCode).toBe(0);
    expectCompleteProject(join(dir.path, 'same'));
  });
});

describe('groundwork add, all or nothing and one at a time', () => {
  let project: string;
  beforeEach(async () => {
    project = join(dir.path, 'app');
    expect((await createGroundwork([project, ...quick], dir.path)).exitCode).toBe(0);
  });

  it('Ctrl-C while it prepares the change: nothing written, and it says so', async () => {
    const before = await snapshot(project);
    const result = await groundwork(['add', 'cache', 'redis', '--no-install'], project, fault('stage:3:SIGINT'));
    expect(result.exitCode).toBe(130);
    expect(result.stderr).toContain('Cancelled; nothing was written.');
    expect(await snapshot(project)).toEqual(before);
    expect(readdirSync(project)).not.toContain(LOCK_FILE);
  });

  it('killed while applying: the next command undoes the half first and then does its own work', async () => {
    const crashed = await groundwork(['add', 'cache', 'redis', '--no-install'], project, fault('apply:4:SIGKILL'));
    expect(crashed.signal).toBe('SIGKILL');
    expect(existsSync(join(project, TX_DIR, 'journal.json'))).toBe(true);

    expect(JSON.parse((await groundwork(['info', '--json'], project)).stdout)).toMatchObject({ interrupted: true });
    const dry = await groundwork(['add', 'queue', 'bullmq', '--dry-run'], project);
    expect(dry.exitCode).toBe(1);
    expect(dry.stderr).toContain(`An interrupted groundwork command left ${TX_DIR}`);

    const next = await groundwork(['add', 'queue', 'bullmq', '--no-install'], project);
    expect(next.stderr).toBe('');
    expect(next.exitCode).toBe(0);
    expect(next.stdout).toContain('An interrupted "groundwork add cache redis --no-install" was undone first');
    const files = expectCompleteProject(project);
    expect(Object.keys(files).some((path) => path.includes('cache-redis'))).toBe(false);
    expect(Object.keys(files).some((path) => path.includes('queue-bullmq'))).toBe(true);
  });

  it('two at once: the second is refused naming the first, and the record names exactly the modules whose files exist', async () => {
    const first = startBin('groundwork.js', ['add', 'cache', 'redis', '--no-install'], project, fault('stage:1:SIGSTOP'));
    await stopped(first.pid!);
    const before = await snapshot(project);
    const second = await groundwork(['add', 'queue', 'bullmq', '--no-install'], project);
    expect(second.exitCode).toBe(1);
    expect(second.stderr).toContain(`"groundwork add cache redis --no-install" (pid ${first.pid}`);
    expect(await snapshot(project)).toEqual(before);
    process.kill(first.pid!, 'SIGCONT');
    expect((await first).exitCode).toBe(0);
    const record = JSON.parse(readFileSync(join(project, 'groundwork.json'), 'utf8'));
    expect(record.modules).toContain('cache/redis');
    expect(record.modules).not.toContain('queue/bullmq');
    expect(existsSync(join(project, 'src/modules/queue-bullmq'))).toBe(false);
    expectCompleteProject(project);
  });

  it('takes over a lock whose process is gone', async () => {
    writeFileSync(join(project, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 17, host: (await import('node:os')).hostname(), command: 'groundwork add x y', started: '2026-01-01T00:00:00Z' }));
    const result = await groundwork(['add', 'cache', 'redis', '--no-install'], project);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expectCompleteProject(project);
  });

  it('replacing an option says what it replaces and deletes, and leaves no empty folder behind', async () => {
    const result = await groundwork(['add', 'cache', 'redis', '--no-install'], project);
    expect(result.stdout).toContain('Added cache redis, replacing cache memory');
    expect(result.stdout).toMatch(/deleted\s+src\/modules\/cache-memory\//);
    expect(existsSync(join(project, 'src/modules/cache-memory'))).toBe(false);
  });

  it('a deleted src/modules.ts is a conflict with a restore step; once restored, the same command finishes', async () => {
    const original = readFileSync(join(project, 'src/modules.ts'), 'utf8');
    (await import('node:fs')).rmSync(join(project, 'src/modules.ts'));
    const before = await snapshot(project);
    const refused = await groundwork(['add', 'queue', 'bullmq', '--no-install'], project);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('src/modules.ts: you deleted src/modules.ts, which the new stack needs; restore it (git checkout -- src/modules.ts)');
    expect(refused.stdout).not.toContain('Added');
    expect(await snapshot(project)).toEqual(before);
    writeFileSync(join(project, 'src/modules.ts'), original);
    const done = await groundwork(['add', 'queue', 'bullmq', '--no-install'], project);
    expect(done.stderr).toBe('');
    expect(readFileSync(join(project, 'src/modules.ts'), 'utf8')).toContain('  queueBullmq,');
  });

  it('after a refusal, the user applies the printed step in their own layout and the same command finishes', async () => {
    const modulesTs = join(project, 'src/modules.ts');
    const oneLine = readFileSync(modulesTs, 'utf8').replace(/export const modules: AppModule\[\] = \[\n([\s\S]*?)\];/, (_m, list: string) => `export const modules: AppModule[] = [${list.trim().split(/,\s*/).filter(Boolean).join(', ')}];`);
    writeFileSync(modulesTs, oneLine);
    const before = await snapshot(project);
    const refused = await groundwork(['add', 'queue', 'bullmq', '--no-install'], project);
    expect(refused.exitCode).toBe(1);
    expect(await snapshot(project)).toEqual(before);
    expect(refused.stderr).toContain('after the line "import authJwt from \'./modules/auth-jwt/index.js\';":');
    expect(refused.stderr).toContain('+ import queueBullmq from');
    expect(refused.stderr).toContain('Once these are done, run "groundwork add queue bullmq --no-install" again');

    // What a user does with the step: the import lines as printed, the names into their one-line list.
    const added = [...refused.stderr.matchAll(/^\s+\+ (import .*)$/gm)].map((match) => match[1]!);
    const names = [...refused.stderr.matchAll(/^\s+\+\s+(\w+),$/gm)].map((match) => match[1]!);
    expect(names).toEqual(['connectionRedis', 'queueBullmq']);
    const edited = oneLine
      .replace("import authJwt from './modules/auth-jwt/index.js';", ["import authJwt from './modules/auth-jwt/index.js';", ...added].join('\n'))
      .replace('authJwt];', `authJwt, ${names.join(', ')}];`);
    writeFileSync(modulesTs, edited);

    const done = await groundwork(['add', 'queue', 'bullmq', '--no-install'], project);
    expect(done.stderr).toBe('');
    expect(done.exitCode).toBe(0);
    expect(readFileSync(modulesTs, 'utf8')).toBe(edited);
    expect(existsSync(join(project, 'src/modules/queue-bullmq/index.ts'))).toBe(true);
    expect(existsSync(join(project, 'src/modules/connection-redis/index.ts'))).toBe(true);
  });

  it('outside a project writes nothing, not even a lock', async () => {
    const result = await groundwork(['add', 'cache', 'redis'], dir.path);
    expect(result.exitCode).toBe(1);
    expect(readdirSync(dir.path)).toEqual(['app']);
  });
});
