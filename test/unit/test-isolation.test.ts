// A generated project runs its test files without isolation, except the ones that start OpenTelemetry in
// the test process (vitest.config.ts's TRACED list): each of those must be on the list.
import { matchesGlob } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeStack } from '../../src/compose/compose-stack.js';
import { FULL_STACK } from '../support/stacks.js';

describe('vitest.config.ts of a generated project', () => {
  it('isolates every test file that imports test/support/tracing.ts, and only those', async () => {
    const { files } = await composeStack('isolation', FULL_STACK);
    const config = files.get('vitest.config.ts')!;
    const traced = JSON.parse(config.match(/const TRACED = (\[.*\]);/)![1]!.replaceAll("'", '"')) as string[];
    const testFiles = [...files.keys()].filter((path) => path.startsWith('test/') && path.endsWith('.test.ts'));
    const importers = testFiles.filter((path) => /'(\.\.?\/)+support\/tracing\.js'/.test(files.get(path)!));
    expect(importers.length).toBeGreaterThan(3);
    const isTraced = (path: string) => traced.some((glob) => matchesGlob(path, glob));
    expect(testFiles.filter(isTraced).sort()).toEqual(importers.sort());
  });
});
