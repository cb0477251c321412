// The committed TypeScript stubs must be what `npm run proto:generate` makes from the proto today.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const GENERATED = 'src/modules/api-grpc/generated';
const GENERATOR = createRequire(import.meta.url).resolve('@grpc/proto-loader/build/bin/proto-loader-gen-types.js');

async function filesUnder(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  return new Map(await Promise.all(files.map(async (f) => [relative(dir, f), await readFile(f, 'utf8')] as const)));
}

describe('gRPC stubs', () => {
  let out: string | undefined;
  afterAll(() => (out ? rm(out, { recursive: true, force: true }) : undefined));

  it(`${GENERATED} is up to date with proto/ (else run npm run proto:generate)`, async () => {
    out = await mkdtemp(join(tmpdir(), 'grpc-stubs-'));
    const script = (JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['proto:generate']!;
    const [command, ...args] = script.split(' ').map((arg) => (arg === GENERATED ? out! : arg));
    expect(command).toBe('proto-loader-gen-types');
    await promisify(execFile)(process.execPath, [GENERATOR, ...args], { cwd: ROOT });
    const [expected, committed] = await Promise.all([filesUnder(out), filesUnder(join(ROOT, GENERATED))]);
    expect([...committed.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [path, contents] of expected) expect(committed.get(path), path).toBe(contents);
  });
});
