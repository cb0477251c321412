// The matrix lint step: each distinct file linted once with its project's biome.json, its findings
// charged to exactly the combinations that have it.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeStack } from '../../src/compose/compose-stack.js';
import { packageRoot } from '../../src/paths.js';
import { LintRun } from '../../tools/matrix/lint.js';
import { dependencyUnion, installUnion } from '../../tools/matrix/union-install.js';
import { ensureNode24 } from '../support/node24.js';

// The Biome the matrix runs: the one templates/versions.json pins, in the shared install (a no-op
// when the matrix has installed it already).
const root = join(packageRoot, '.cache', 'matrix');
const biome = join(root, 'node_modules', '.bin', 'biome');
const dir = join(tmpdir(), `groundwork-lint-test-${process.pid}`);

const rest = { api: ['rest'], db: ['none'], cache: ['memory'], auth: ['none'], queue: ['none'] };
const full = { api: ['rest', 'graphql', 'grpc', 'websocket'], db: ['postgres'], cache: ['redis'], auth: ['jwt'], queue: ['bullmq'] };

async function filesOf(stack: typeof rest, edit: (files: Map<string, string>) => void = () => {}): Promise<Map<string, string>> {
  const files = new Map((await composeStack('linted', stack)).files);
  edit(files);
  return files;
}

beforeAll(async () => {
  await ensureNode24();
  await installUnion(root, dependencyUnion());
}, 600_000);

/** The findings `owner` has beyond those of `baseline` (the templates' own, if any). */
const extra = (findings: Map<string, string[]>, owner: string, baseline: string) => findings.get(owner)!.filter((line) => !findings.get(baseline)!.includes(line));

const debuggerAt = (line: number) => expect.stringMatching(new RegExp(`^src/modules\\.ts:${line}:3 lint/suspicious/noDebugger `));

describe('matrix lint step', () => {
  it('lints a file shared by combinations once and charges its findings to each', async () => {
    const run = new LintRun<string>();
    const files = await filesOf(rest);
    run.add('rest', files, 'rest');
    const distinct = run.size;
    run.add('rest again', new Map(files), 'rest again');
    expect(run.size).toBe(distinct);
    const findings = await run.run(biome, dir);
    expect(findings.get('rest again')).toEqual(findings.get('rest'));
  }, 60_000);

  it('charges a planted finding to every combination with that file content, and only to them', async () => {
    const planted = (files: Map<string, string>) => files.set('src/modules.ts', `${files.get('src/modules.ts')}\nexport function stop() {\n  debugger;\n}\n`);
    const lineOf = async (stack: typeof rest) => (await filesOf(stack, planted)).get('src/modules.ts')!.split('\n').indexOf('  debugger;') + 1;
    const run = new LintRun<string>();
    run.add('rest planted', await filesOf(rest, planted), 'rest planted');
    run.add('full planted', await filesOf(full, planted), 'full planted');
    run.add('rest', await filesOf(rest), 'rest');
    run.add('full', await filesOf(full), 'full');
    const findings = await run.run(biome, dir);
    expect(extra(findings, 'rest planted', 'rest')).toEqual([debuggerAt(await lineOf(rest))]);
    // The same path with other contents (the full stack registers more modules) lies in another layer.
    expect(extra(findings, 'full planted', 'full')).toEqual([debuggerAt(await lineOf(full))]);
    expect(findings.get('rest')!.filter((line) => line.includes('noDebugger'))).toEqual([]);
  }, 60_000);

  it("applies the project's biome.json to each file: ignored paths stay ignored, rules turned off stay off", async () => {
    const run = new LintRun<string>();
    const additions = (files: Map<string, string>) => {
      files.set('src/modules/api-grpc/generated/extra.ts', 'export function stop() {\n  debugger;\n}\n');
      files.set('src/non-null.ts', 'export const first = (list: string[]) => list[0]!;\n');
    };
    run.add('with additions', await filesOf(full, additions), 'with additions');
    run.add('full', await filesOf(full), 'full');
    expect(extra(await run.run(biome, dir), 'with additions', 'full')).toEqual([]);
  }, 60_000);

  it('reports a project without a biome.json', async () => {
    const run = new LintRun<string>();
    expect(run.add('bare', await filesOf(rest, (files) => files.delete('biome.json')), 'bare')).toBe('no biome.json: the project has no lint configuration');
  });
});
