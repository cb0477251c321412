// What a generated project tells its user to run: only commands that reach this generator, and
// never the advice to add a module the project already has.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { categories } from '../../src/catalog/catalog.js';
import { allStacks } from '../../src/catalog/validate.js';
import { composeStack } from '../../src/compose/compose-stack.js';
import { generatorSpecOf, groundworkScript, projectGeneratorSpec } from '../../src/project/generator-spec.js';
import { shellQuote } from '../../src/shell-quote.js';

describe('generated READMEs', () => {
  it('never advise adding a module the project has, and suggest only the project’s own groundwork script', async () => {
    for (const stack of allStacks()) {
      const readme = (await composeStack('advice', stack)).files.get('README.md')!;
      expect(readme, JSON.stringify(stack)).not.toMatch(/^\s*npx groundwork/m);
      expect(readme).not.toMatch(/npx groundwork (add|list|info)/);
      for (const [, categoryId, optionId] of readme.matchAll(/groundwork -- add (\w+) (\w+)/g)) {
        expect(categories.some((c) => c.id === categoryId), categoryId).toBe(true);
        expect(stack[categoryId!] ?? [], `${JSON.stringify(stack)} is advised to add ${categoryId} ${optionId}`).not.toContain(optionId);
      }
    }
  }, 60_000); // composes all 720 stacks: a few seconds alone, more on a loaded machine
});

describe('how a project refers to its generator', () => {
  const withInstall = (resolved: string | undefined) => {
    const root = mkdtempSync(join(tmpdir(), 'gw-spec-'));
    const packageRoot = join(root, 'node_modules', 'create-groundwork');
    mkdirSync(packageRoot, { recursive: true });
    if (resolved !== undefined) writeFileSync(join(root, 'node_modules', '.package-lock.json'), JSON.stringify({ packages: { 'node_modules/create-groundwork': { version: '1.2.3', resolved } } }));
    return { root, packageRoot, done: () => rmSync(root, { recursive: true, force: true }) };
  };

  it('pins the version when npm installed it from a registry, local or public', () => {
    for (const registry of ['https://registry.npmjs.org/create-groundwork/-/create-groundwork-1.2.3.tgz', 'http://127.0.0.1:4873/create-groundwork/-/create-groundwork-1.2.3.tgz']) {
      const install = withInstall(registry);
      expect(generatorSpecOf(install.packageRoot, '1.2.3')).toEqual({ spec: '1.2.3', source: 'registry' });
      install.done();
    }
  });

  it('refers to a tarball by its absolute path, resolved from where npm recorded it', () => {
    const install = withInstall('file:../../../exp/create-groundwork-1.2.3.tgz');
    expect(generatorSpecOf(install.packageRoot, '1.2.3')).toEqual({ spec: `file:${join(install.root, '..', '..', '..', 'exp', 'create-groundwork-1.2.3.tgz')}`, source: 'tarball' });
    install.done();
  });

  it('refers to a checkout (not installed by a package manager) by its path, and falls back to the version without a record', () => {
    expect(generatorSpecOf('/home/me/src/create-groundwork', '1.2.3')).toEqual({ spec: 'file:/home/me/src/create-groundwork', source: 'directory' });
    const install = withInstall(undefined);
    expect(generatorSpecOf(install.packageRoot, '1.2.3')).toEqual({ spec: '1.2.3', source: 'unknown' });
    install.done();
  });

  it('quotes the script’s package spec when a path needs it, and reads the spec a project has', () => {
    expect(groundworkScript('1.2.3')).toBe('npm exec --yes --package=create-groundwork@1.2.3 -- groundwork');
    expect(groundworkScript("file:/home/o'neil/my tools/cg.tgz")).toBe(`npm exec --yes --package="create-groundwork@file:/home/o'neil/my tools/cg.tgz" -- groundwork`);
    expect(projectGeneratorSpec('{"devDependencies":{"create-groundwork":"file:/x.tgz"}}')).toBe('file:/x.tgz');
    expect(projectGeneratorSpec('{"devDependencies":{"create-groundwork":7}}')).toBeUndefined();
    expect(projectGeneratorSpec('not json')).toBeUndefined();
  });
});

describe('shellQuote', () => {
  it('leaves plain paths alone and quotes the rest safely', () => {
    expect(shellQuote('my-api')).toBe('my-api');
    expect(shellQuote('../apis/my_api.v2')).toBe('../apis/my_api.v2');
    expect(shellQuote("it's/api")).toBe(`"it's/api"`);
    expect(shellQuote('my api')).toBe('"my api"');
    expect(shellQuote('$HOME/`x`')).toBe("'$HOME/`x`'");
    expect(shellQuote(`it's "$x"`)).toBe(`'it'\\''s "$x"'`);
    expect(shellQuote('')).toBe('""');
  });
});
