// The committed TypeScript stubs must be what `npm run proto:generate` makes of every proto under proto/ today.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GENERATED_DIR, generateStubs } from '../src/modules/api-grpc/stubs.js';

async function filesUnder(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return []; // no protos, no stubs
    throw error;
  });
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  return new Map(await Promise.all(files.map(async (f) => [relative(dir, f), await readFile(f, 'utf8')] as const)));
}

describe('gRPC stubs', () => {
  let out: string | undefined;
  afterAll(() => (out ? rm(join(out, '..'), { recursive: true, force: true }) : undefined));

  it('src/modules/api-grpc/generated is up to date with proto/ (else run npm run proto:generate)', async () => {
    const scripts = (JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['proto:generate']).toContain('src/modules/api-grpc/generate-stubs.ts'); // what runs generateStubs
    out = join(await mkdtemp(join(tmpdir(), 'grpc-stubs-')), 'generated');
    await generateStubs(out);
    const [expected, committed] = await Promise.all([filesUnder(out), filesUnder(GENERATED_DIR)]);
    expect([...committed.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [path, contents] of expected) expect(committed.get(path), path).toBe(contents);
  });
});
