// The matrix's structural checks must catch what they claim to catch: each case breaks one rule.
import { describe, expect, it } from 'vitest';
import { composeStack } from '../../src/compose/compose-stack.js';
import type { Composition } from '../../src/compose/compose.js';
import { structuralProblems } from '../../tools/matrix/checks.js';
import { importSpecifiers } from '../../tools/matrix/imports.js';
import { typeKey } from '../../tools/matrix/file-set-keys.js';

const stack = { api: ['rest'], db: ['postgres'], cache: ['redis'], auth: ['jwt'], queue: ['bullmq'] };

async function broken(edit: (files: Map<string, string>) => void): Promise<string[]> {
  const composition: Composition = await composeStack('checked', stack);
  const files = new Map(composition.files);
  edit(files);
  return structuralProblems({ ...composition, files });
}

describe('matrix structural checks', () => {
  it('pass on a composed project', async () => {
    expect(structuralProblems(await composeStack('checked', stack))).toEqual([]);
  });

  it('catch an unpinned dependency', async () => {
    const problems = await broken((files) => files.set('package.json', files.get('package.json')!.replace(/"fastify": "[^"]+"/, '"fastify": "^5.0.0"')));
    expect(problems).toContain('package.json: "fastify" is not pinned exactly ("^5.0.0")');
  });

  it('catch a relative import to no file and a bare import of an undeclared package', async () => {
    const problems = await broken((files) => files.set('src/extra.ts', "import { x } from './missing.js';\nimport lodash from 'lodash/fp';\nimport { readFile } from 'node:fs';\n"));
    expect(problems).toEqual([
      'src/extra.ts: import "./missing.js" resolves to no generated file',
      'src/extra.ts: import "lodash/fp" needs "lodash" in package.json',
      expect.stringContaining('groundwork.json: wrong or missing hash for src/extra.ts'),
    ]);
  });

  it('catch an unrendered token in a rendered file, and an undocumented env var read', async () => {
    const readme = await broken((files) => files.set('README.md', `${files.get('README.md')}\n{{projectNmae}}\n`));
    expect(readme).toContain('README.md: unrendered template token {{projectNmae}}');
    const env = await broken((files) => files.set('src/server.ts', `${files.get('src/server.ts')}\nconst debug = process.env.SECRET_DEBUG_FLAG;\n`));
    expect(env).toContain('src/server.ts: reads process.env.SECRET_DEBUG_FLAG, which .env.example does not document');
  });

  it('catch compose files with missing or extra services, invalid YAML and stale hashes', async () => {
    const missing = await broken((files) => files.set('docker-compose.yml', 'services:\n  app:\n    build: "."\n    depends_on:\n      db: {}\n'));
    expect(missing).toContain('docker-compose.yml: services app; the stack needs app, migrate, postgres, redis, worker');
    expect(missing).toContain('docker-compose.yml: app depends on undefined service db');
    expect(await broken((files) => files.set('docker-compose.yml', 'services: [\n'))).toContainEqual(expect.stringContaining('docker-compose.yml is not valid YAML'));
  });
});

describe('matrix helpers', () => {
  it('find every kind of import specifier', () => {
    const source = "import a from 'a';\nimport type { B } from '@s/b/deep';\nexport { c } from './c.js';\nimport './side.js';\nconst d = await import('d');\n";
    expect(importSpecifiers(source)).toEqual(['a', '@s/b/deep', './c.js', './side.js', 'd']);
  });

  it('catch an import from src/ to outside src/, which the build (rootDir src) rejects', async () => {
    const problems = await broken((files) => files.set('src/extra.ts', "import { authHeaders } from '../test/support/auth.js';\nexport { authHeaders };\n"));
    expect(problems).toEqual([
      'src/extra.ts: import "../test/support/auth.js" leaves src/, the build\'s rootDir',
      expect.stringContaining('groundwork.json: wrong or missing hash for src/extra.ts'),
    ]);
  });

  it('key file sets by their type-relevant files only', () => {
    const base = new Map([['src/a.ts', 'x'], ['README.md', 'one'], ['package.json', '{}']]);
    expect(typeKey(new Map([...base, ['README.md', 'two']]))).toBe(typeKey(base));
    expect(typeKey(new Map([...base, ['src/a.ts', 'y']]))).not.toBe(typeKey(base));
  });
});
