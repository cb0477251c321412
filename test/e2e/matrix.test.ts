// Every combination the catalog allows is generated and type-checked with its own tsconfig files.
import { describe, expect, it } from 'vitest';
import { ensureNode24 } from '../support/node24.js';
import { flagsOf, installUnion, typecheckAll, writeCombinations } from '../support/matrix.js';

describe('every combination of the catalog', () => {
  it('generates and type-checks', async () => {
    await ensureNode24();
    const combinations = await writeCombinations();
    expect(combinations).toHaveLength(24);
    await installUnion(combinations);
    const results = await typecheckAll(combinations);
    const failures = results.filter((r) => !r.ok).map((r) => `create-groundwork app ${flagsOf(r.stack)}\n${r.errors}`);
    console.log(`matrix: ${combinations.length} combinations, ${results.length - failures.length} type-checked, ${failures.length} failed`);
    expect(failures, failures.join('\n\n')).toEqual([]);
  });
});
