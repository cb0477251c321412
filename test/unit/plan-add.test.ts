import { describe, expect, it } from 'vitest';
import type { Composition } from '../../src/compose/compose.js';
import { hashContents } from '../../src/compose/hash.js';
import { planChanges } from '../../src/project/plan-add.js';

const composition = (files: Record<string, string>): Composition => ({
  files: new Map(Object.entries(files)),
  rendered: new Set(),
  modules: [],
  implied: [],
  groundwork: { generator: 'create-groundwork', version: '1', name: 'p', stack: {}, resources: [], jobs: [], routes: [], modules: [], files: {} },
  renders: { jobs: false, routes: false },
});
const recordOf = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([p, c]) => [p, hashContents(c)]));

const before = {
  'src/modules.ts': "import a from './a.js';\n\nexport const modules = [\n  a,\n];\n",
  'src/modules/cache-memory/index.ts': 'memory\n',
  'README.md': '# p\n',
};
const after = {
  'src/modules.ts': "import a from './a.js';\nimport b from './b.js';\n\nexport const modules = [\n  a,\n  b,\n];\n",
  'src/modules/cache-redis/index.ts': 'redis\n',
  'README.md': '# p\n\n## Redis\n',
};

describe('planChanges', () => {
  it('updates untouched files, creates new ones and deletes untouched files the new stack drops', () => {
    const plan = planChanges(recordOf(before), composition(before), composition(after), (path) => before[path as keyof typeof before]);
    expect(plan.conflicts).toEqual([]);
    expect(plan.changes).toEqual([
      { kind: 'update', path: 'README.md', contents: after['README.md'], merged: false },
      { kind: 'update', path: 'src/modules.ts', contents: after['src/modules.ts'], merged: false },
      { kind: 'delete', path: 'src/modules/cache-memory/index.ts' },
      { kind: 'create', path: 'src/modules/cache-redis/index.ts', contents: 'redis\n' },
    ]);
  });

  it('merges pure additions into edited files and reports edited files it would have to change or delete', () => {
    const user: Record<string, string> = {
      ...before,
      'src/modules.ts': `// mine\n${before['src/modules.ts']}`,
      'src/modules/cache-memory/index.ts': 'memory, tuned by me\n',
      'README.md': '# p, my service\n',
    };
    const plan = planChanges(recordOf(before), composition(before), composition(after), (path) => user[path]);
    expect(plan.changes).toContainEqual({ kind: 'update', path: 'src/modules.ts', contents: `// mine\n${after['src/modules.ts']}`, merged: true });
    expect(plan.conflicts.map((c) => c.path)).toEqual(['src/modules/cache-memory/index.ts']);
    // README: the addition lands after the user's edited title line because "# p" is gone but the end of file anchors it.
    expect(plan.changes.find((c) => c.path === 'README.md')).toEqual({ kind: 'update', path: 'README.md', contents: '# p, my service\n\n## Redis\n', merged: true });
  });

  it('never replaces a user file standing where a new generated file goes, and keeps user deletions', () => {
    const user: Record<string, string> = { ...before, 'src/modules/cache-redis/index.ts': 'my own\n' };
    delete user['README.md'];
    const plan = planChanges(recordOf(before), composition(before), composition(after), (path) => user[path]);
    expect(plan.conflicts.map((c) => c.path)).toEqual(['src/modules/cache-redis/index.ts']);
    expect(plan.changes.some((c) => c.path === 'README.md')).toBe(false);
  });

  it('does not merge when the recorded hash shows the old output is not what the user started from', () => {
    const user = { ...before, 'src/modules.ts': `// mine\n${before['src/modules.ts']}` };
    const record = { ...recordOf(before), 'src/modules.ts': hashContents('something older\n') };
    const plan = planChanges(record, composition(before), composition(after), (path) => user[path as keyof typeof user]);
    expect(plan.conflicts.map((c) => c.path)).toContain('src/modules.ts');
    expect(plan.conflicts.find((c) => c.path === 'src/modules.ts')!.step).toContain("+ import b from './b.js';");
  });
});
