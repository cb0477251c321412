// A local npm registry (verdaccio) that serves this repository's packed package as
// create-groundwork@latest and proxies everything else to the public registry, so the literal
// `npm create groundwork@latest` can be tested before anything is published.
import { execa, type ResultPromise } from 'execa';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';
import { freePort } from './server.js';

const installDir = join(homedir(), '.cache', 'groundwork', 'verdaccio');
const verdaccioBin = join(installDir, 'node_modules', '.bin', 'verdaccio');

async function ensureVerdaccio(): Promise<void> {
  if (existsSync(verdaccioBin)) return;
  await mkdir(installDir, { recursive: true });
  // verdaccio 6 needs node-fetch 2.7 here (its own pin breaks on this npm); see docs/decisions.md.
  await writeFile(join(installDir, 'package.json'), JSON.stringify({ private: true, overrides: { 'node-fetch': '2.7.0' } }));
  await execa('npm', ['install', '--no-audit', '--no-fund', 'verdaccio@6.8.0'], { cwd: installDir, stdin: 'ignore' });
}

export interface LocalRegistry {
  url: string;
  /** npm env: the registry and a userconfig with a token for it (the machine's npmrc is kept). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startRegistry(workDir: string): Promise<LocalRegistry> {
  await ensureVerdaccio();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const storage = join(workDir, 'registry-storage');
  const config = join(workDir, 'verdaccio.yaml');
  await mkdir(storage, { recursive: true });
  await writeFile(
    config,
    [
      `storage: ${storage}`,
      'uplinks:',
      '  npmjs:',
      '    url: https://registry.npmjs.org/',
      '    timeout: 120s',
      'packages:',
      "  'create-groundwork':",
      '    access: $all',
      '    publish: $all',
      "  '**':",
      '    access: $all',
      '    proxy: npmjs',
      'log: { type: stdout, format: pretty, level: warn }',
      '',
    ].join('\n'),
  );
  const machineNpmrc = await readFile(join(homedir(), '.npmrc'), 'utf8').catch(() => '');
  const userconfig = join(workDir, 'npmrc');
  await writeFile(userconfig, `${machineNpmrc}\n//127.0.0.1:${port}/:_authToken=local-test-token\n`);

  const child: ResultPromise = execa(verdaccioBin, ['--config', config, '--listen', `127.0.0.1:${port}`], { reject: false, stdin: 'ignore', all: true });
  const deadline = Date.now() + 30_000;
  while (!(await fetch(`${url}-/ping`).then((r) => r.ok, () => false))) {
    if (Date.now() > deadline) throw new Error('verdaccio did not start');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // Every install of a run resolves against this one registry: what npm has fetched from it once in the
  // run it takes from its cache instead of asking again (a generated project re-resolves ~400 packages).
  const env = { npm_config_registry: url, npm_config_userconfig: userconfig, npm_config_prefer_offline: 'true' };
  return {
    url,
    env,
    async stop() {
      child.kill('SIGTERM');
      await child;
    },
  };
}

/** Publishes this repository (its prepack builds dist) to the local registry as `latest`. */
export async function publishGenerator(registry: LocalRegistry): Promise<void> {
  await execa('npm', ['publish', '--tag', 'latest'], { cwd: packageRoot, env: { ...process.env, ...registry.env }, stdin: 'ignore' });
}
