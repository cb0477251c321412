// Generated projects run under Node 24 LTS by default (see node-line.ts for the other lines).
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureNodeLine, nodeLine } from './node-line.js';

const line = nodeLine(24, process.env.GROUNDWORK_NODE24_DIR);
export const node24Bin = line.bin;

export async function ensureNode24(): Promise<void> {
  const headers = join(line.env().npm_config_nodedir!, 'include', 'node', 'node_api.h');
  if (existsSync(node24Bin) && existsSync(headers)) return;
  await ensureNodeLine(line);
}

/** `v24.x.y` of the installed Node 24. */
export const node24Version = async (): Promise<string> => (await execa(node24Bin, ['--version'])).stdout.trim();

/** Environment for processes that must run under Node 24 (npm, node and npx of the generated project). */
export const node24Env = (extra: Record<string, string | undefined> = {}) => line.env(extra);
