import { describe, expect, it } from 'vitest';
import { mergeGeneratedChanges as mergeAdditions } from '../../src/project/merge-generated.js';
import { mergePackageJson } from '../../src/project/merge-package-json.js';

const modulesBefore = `import a from './a.js';

export const modules = [
  a,
];
`;
const modulesAfter = `import a from './a.js';
import b from './b.js';

export const modules = [
  a,
  b,
];
`;

describe('mergeGeneratedChanges', () => {
  it('adds the new lines to a file the user edited elsewhere', () => {
    const user = `// my comment\n${modulesBefore}export const extra = 1;\n`;
    expect(mergeAdditions(modulesBefore, modulesAfter, user)).toBe(
      `// my comment\nimport a from './a.js';\nimport b from './b.js';\n\nexport const modules = [\n  a,\n  b,\n];\nexport const extra = 1;\n`,
    );
  });

  it('places an addition by its following line when the user inserted lines before it', () => {
    const user = modulesBefore.replace('  a,\n', '  a,\n  mine,\n');
    expect(mergeAdditions(modulesBefore, modulesAfter, user)).toContain('  a,\n  mine,\n  b,\n];');
  });

  it('replaces a block the user left alone, wherever it now stands', () => {
    expect(mergeAdditions('x = 1\ny = 2\n', 'x = 1\ny = 3\n', 'top\nx = 1\ny = 2\nz\n')).toBe('top\nx = 1\ny = 3\nz\n');
    expect(mergeAdditions(modulesAfter, modulesBefore, `// mine\n${modulesAfter}`)).toBe(`// mine\n${modulesBefore}`);
  });

  it('refuses when the user changed a line the generator changes too', () => {
    expect(mergeAdditions('x = 1\ny = 2\n', 'x = 1\ny = 3\n', 'x = 1\ny = 20\nz\n')).toBeUndefined();
  });

  it('refuses when the place of an addition is ambiguous in the user file', () => {
    const before = 'a\n}\nb\n}\n';
    const after = 'a\n}\nNEW\nb\n}\n';
    const user = 'b\nb\nx\n}\na\ny\n}\n'; // "}" and "b" each twice, never next to each other
    expect(mergeAdditions(before, after, user)).toBeUndefined();
  });
});

describe('mergePackageJson', () => {
  const before = JSON.stringify({ name: 'x', scripts: { dev: 'd' }, dependencies: { fastify: '5.0.0', 'lru-cache': '11.0.0' } }, null, 2);
  const after = JSON.stringify({ name: 'x', scripts: { dev: 'd', worker: 'w' }, dependencies: { fastify: '5.0.0', ioredis: '6.0.0' } }, null, 2);

  it('applies added and removed keys around the user own additions, keeping dependencies sorted', () => {
    const user = JSON.stringify({ name: 'x', scripts: { dev: 'd', lint: 'l' }, dependencies: { fastify: '5.0.0', 'lru-cache': '11.0.0', zod: '4.0.0' } }, null, 2);
    const merged = JSON.parse(mergePackageJson(before, after, user)!);
    expect(merged.scripts).toEqual({ dev: 'd', lint: 'l', worker: 'w' });
    expect(Object.keys(merged.dependencies)).toEqual(['fastify', 'ioredis', 'zod']);
  });

  it('refuses when the user changed a key the generator changes too', () => {
    const user = JSON.stringify({ name: 'x', scripts: { dev: 'd' }, dependencies: { fastify: '5.0.0', 'lru-cache': '12.0.0' } }, null, 2);
    expect(mergePackageJson(before, after, user)).toBeUndefined();
  });

  it('refuses a package.json that is not JSON', () => {
    expect(mergePackageJson(before, after, '{ nope')).toBeUndefined();
  });
});

describe('mergeGeneratedChanges after a manual step', () => {
  it('recognises additions the user already made, in their own layout, and goes on with the rest', () => {
    const user = modulesBefore.replace('export const modules = [\n  a,\n];', 'export const modules = [a, b];').replace("import a from './a.js';", "import a from './a.js';\nimport b from './b.js';");
    expect(mergeAdditions(modulesBefore, modulesAfter, user)).toBe(user);
  });

  it('does not take a common line standing elsewhere for the addition, nor a removal as done while its text is left', () => {
    const braces = 'function f() {\n  return 1;\n}\n';
    expect(mergeAdditions(braces, `${braces}}\n`, `// mine\n${braces}`)).toBe(`// mine\n${braces}}\n`);
    const removal = mergeAdditions(modulesAfter, modulesBefore, modulesAfter.replace('export const modules = [\n  a,\n  b,\n];', 'export const modules = [a, b];'));
    expect(removal).toBeUndefined();
  });
});
