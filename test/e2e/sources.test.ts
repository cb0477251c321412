// A generated project installs with plain npm whatever the generator came from, and its
// `groundwork` script reaches this generator whether or not the project is installed:
// - a packed tarball (`npm exec --package=./create-groundwork-x.tgz`),
// - a checkout (`node bin/create-groundwork.js`, how the README says to run it from a clone),
// - a registry (the local one the e2e setup starts; the public registry takes the same path:
//   a version installed from a registry URL is pinned as that version).
import { execa } from 'execa';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generatorVersion, packageRoot } from '../../src/paths.js';
import { tempDir } from '../support/cli.js';
import { node24Env } from '../support/node24.js';
import { run } from '../support/project.js';

let work: { path: string; cleanup(): Promise<void> };
const registryEnv = inject('registryEnv');
const packageJsonOf = (project: string) => JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { scripts: Record<string, string>; devDependencies: Record<string, string> };

beforeAll(async () => {
  work = await tempDir('gw-e2e-sources-');
});
afterAll(() => work?.cleanup());

/** `npm run groundwork -- info --json` in a project, parsed. */
async function infoOf(project: string, env: Record<string, string> = {}): Promise<{ name: string; stack: Record<string, string[]> }> {
  const result = await execa('npm', ['run', '--silent', 'groundwork', '--', 'info', '--json'], { cwd: project, env: node24Env(env), reject: false, stdin: 'ignore' });
  if (result.exitCode !== 0) throw new Error(`npm run groundwork -- info failed (${result.exitCode}):\n${result.stdout}\n${result.stderr}`);
  return JSON.parse(result.stdout);
}

describe('where the generator came from', () => {
  it('a packed tarball: the project refers to that tarball, installs with plain npm and runs the same generator', async () => {
    const packed = await run('npm', ['pack', '--pack-destination', work.path], packageRoot);
    const tarball = join(work.path, packed.trim().split('\n').at(-1)!);
    expect(existsSync(tarball)).toBe(true);
    // The machine's own npm registry config: nothing about this install may need the local registry.
    await run('npm', ['exec', '--yes', `--package=${tarball}`, '--', 'create-groundwork', 'from-tarball', '--yes', '--no-git', '--db', 'none'], work.path);
    const project = join(work.path, 'from-tarball');
    const pkg = packageJsonOf(project);
    // No path among the dependencies (npm ci would fail wherever it does not exist: Docker, CI); the script has it.
    expect(pkg.devDependencies['create-groundwork']).toBeUndefined();
    expect(pkg.scripts.groundwork).toBe(`npm exec --yes --package=create-groundwork@file:${tarball} -- groundwork`);
    await run('npm', ['ci'], project); // plain npm, from the lockfile the create step wrote
    expect(await infoOf(project)).toMatchObject({ name: 'from-tarball', stack: { db: ['none'] } });
  });

  it('a checkout: the project runs the checkout through its script and installs with plain npm', async () => {
    await run('node', [join(packageRoot, 'bin', 'create-groundwork.js'), 'from-checkout', '--yes', '--no-git', '--db', 'none'], work.path);
    const project = join(work.path, 'from-checkout');
    const pkg = packageJsonOf(project);
    expect(pkg.devDependencies['create-groundwork']).toBeUndefined();
    expect(pkg.scripts.groundwork).toBe(`npm exec --yes --package=create-groundwork@file:${packageRoot} -- groundwork`);
    await run('npm', ['install'], project);
    expect(await infoOf(project)).toMatchObject({ name: 'from-checkout' });
  });

  it('a registry: the exact version is pinned, and `npm run groundwork` works before any install', async () => {
    await run('npm', ['--yes', 'create', 'groundwork@latest', 'from-registry', '--', '--yes', '--no-git', '--no-install', '--db', 'none'], work.path, registryEnv);
    const project = join(work.path, 'from-registry');
    const pkg = packageJsonOf(project);
    expect(pkg.devDependencies['create-groundwork']).toBe(generatorVersion);
    expect(existsSync(join(project, 'node_modules'))).toBe(false);
    // Not installed: npm exec fetches exactly this version from the registry (npx groundwork would fetch an unrelated package).
    expect(await infoOf(project, registryEnv)).toMatchObject({ name: 'from-registry' });
    const list = await run('npm', ['run', '--silent', 'groundwork', '--', 'list'], project, registryEnv);
    expect(list).toContain('rest');
    expect(list).toContain('bullmq');
    await run('npm', ['install'], project, registryEnv);
    expect(readFileSync(join(project, 'node_modules', 'create-groundwork', 'package.json'), 'utf8')).toContain(`"version": "${generatorVersion}"`);
  });

  it('every command the generated project suggests goes through its own script, never `npx groundwork`', () => {
    for (const name of ['from-tarball', 'from-checkout', 'from-registry']) {
      const readme = readFileSync(join(work.path, name, 'README.md'), 'utf8');
      expect(readme).toContain('npm run groundwork -- add');
      expect(readme.match(/^npx groundwork/m)).toBeNull();
    }
  });
});
