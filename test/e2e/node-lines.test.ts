// Generated projects are tested on every maintained Node line: the covering set runs under Node 24
// (covering-set.test.ts); here the default stack is installed, built and tested under Node 22 (the
// projects' minimum) and Node 26. The generator itself refuses an older Node in one line, before
// doing anything.
import { execa } from 'execa';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { tempDir } from '../support/cli.js';
import { ensureNodeLine, nodeLine } from '../support/node-line.js';

let work: { path: string; cleanup(): Promise<void> };

beforeAll(async () => {
  work = await tempDir('gw-e2e-node-lines-');
});
afterAll(async () => {
  await Promise.allSettled(installs.values()); // one may still be installing when a test failed
  await work?.cleanup();
});

async function runUnder(line: ReturnType<typeof nodeLine>, command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<string> {
  const result = await execa(command, args, { cwd, env: line.env(env), all: true, reject: false, stdin: 'ignore' });
  if (result.exitCode !== 0) throw new Error(`${command} ${args.join(' ')} under Node ${line.major} failed (exit ${result.exitCode}):\n${result.all}`);
  return result.all ?? '';
}

const lines = [22, 26];
const installs = new Map<number, Promise<{ version: string; project: string }>>();

/** The default stack created and installed under a Node line, started once. */
function installUnder(major: number): Promise<{ version: string; project: string }> {
  let install = installs.get(major);
  if (!install) {
    const line = nodeLine(major);
    install = (async () => {
      await ensureNodeLine(line);
      const version = (await runUnder(line, 'node', ['--version'], work.path)).trim();
      const project = join(work.path, `node${major}`);
      await runUnder(line, 'node', [join(packageRoot, 'bin', 'create-groundwork.js'), project, '--yes', '--no-git', '--no-install'], work.path);
      await runUnder(line, 'npm', ['install'], project);
      return { version, project };
    })();
    install.catch(() => {}); // reported by the test that awaits it
    installs.set(major, install);
  }
  return install;
}

describe.each(lines)('the default stack under Node %i', (major) => {
  const line = nodeLine(major);

  it('installs with npm, type-checks, builds and passes its own tests', async () => {
    const installing = installUnder(major);
    // Installing waits mostly on the registry and the disk: the next line installs while this one tests.
    const next = lines[lines.indexOf(major) + 1];
    if (next !== undefined) void installUnder(next);
    const { version, project } = await installing;
    expect(version.startsWith(`v${major}.`)).toBe(true);
    await runUnder(line, 'npm', ['run', 'typecheck'], project);
    await runUnder(line, 'npm', ['run', 'build'], project);
    const output = await runUnder(line, 'npm', ['test'], project, { DATABASE_URL: '', REDIS_URL: '' });
    expect(output).toMatch(/Tests\s+\d+ passed/);
  });
});

describe('the generator on an end-of-life Node', () => {
  it('says in one line which Node it needs, before doing anything', async () => {
    const line = nodeLine(20);
    await ensureNodeLine(line);
    for (const bin of ['create-groundwork.js', 'groundwork.js']) {
      const result = await execa(line.bin, [join(packageRoot, 'bin', bin), 'my-api', '--yes'], { cwd: work.path, reject: false, stdin: 'ignore' });
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toMatch(/^create-groundwork needs Node 22\.15 or newer \(22 or 24 LTS\); this is Node 20\.\d+\.\d+\. Nothing was done\.$/);
      expect(result.stdout).toBe('');
    }
    expect(readdirSync(work.path).filter((entry) => entry.startsWith('my-api'))).toEqual([]);
  });
});
