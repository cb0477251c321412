// The matrix's structural checks must catch what they claim to catch: each case breaks one rule.
import { describe, expect, it } from 'vitest';
import { composeStack } from '../../src/compose/compose-stack.js';
import type { Composition } from '../../src/compose/compose.js';
import { renderGithubWorkflow } from '../../src/compose/outputs/github-workflow.js';
import { structuralProblems } from '../../tools/matrix/checks.js';
import { CI_WORKFLOW } from '../../tools/matrix/workflow-checks.js';
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

describe('matrix check of the CI workflow', () => {
  const editWorkflow = (edit: (workflow: string) => string) => async () => {
    const composition = await composeStack('checked', stack);
    const workflow = composition.files.get(CI_WORKFLOW) ?? renderGithubWorkflow(composition.modules);
    const files = new Map(composition.files);
    files.set(CI_WORKFLOW, edit(workflow));
    return structuralProblems({ ...composition, files }).filter((problem) => problem.startsWith(CI_WORKFLOW));
  };

  it('passes the composed workflow', async () => {
    expect(await editWorkflow((workflow) => workflow)()).toEqual([]);
  });

  it('catch a workflow the GitHub Actions schema rejects, and one that is not YAML', async () => {
    expect(await editWorkflow((workflow) => workflow.replace('runs-on:', 'runs_on:'))()).toEqual([
      `${CI_WORKFLOW}: /jobs/test: Additional property 'runs_on' is not allowed`,
      `${CI_WORKFLOW}: /jobs/test/runs-on: This property is required`,
    ]);
    expect(await editWorkflow((workflow) => workflow.replace('      redis:\n        image:', '      redis:\n        imag:'))()).toContain(
      `${CI_WORKFLOW}: /jobs/test/services/redis: Additional property 'imag' is not allowed`,
    );
    expect(await editWorkflow(() => 'jobs: [\n')()).toEqual([expect.stringMatching(new RegExp(`^${CI_WORKFLOW}: line 2: did not find expected node content`))]);
  });

  it('catch service containers that differ from the services compose runs beside the app', async () => {
    const withoutRedis = await editWorkflow((workflow) => workflow.replace(/      redis:\n(?: {8}.*\n)+/, ''))();
    expect(withoutRedis).toContain(`${CI_WORKFLOW}: service containers postgres; docker-compose.yml runs postgres, redis beside what it builds`);
    const otherImage = await editWorkflow((workflow) => workflow.replace('"redis:7-alpine"', '"redis:6"'))();
    expect(otherImage).toEqual([`${CI_WORKFLOW}: service redis runs redis:6; docker-compose.yml runs redis:7-alpine`]);
  });

  it('need no TEST_* URL for a service the stack does not have, though a test names it (REST tests name TEST_DATABASE_URL)', async () => {
    const composition = await composeStack('checked', { ...stack, db: ['none'] });
    expect([...composition.files.values()].some((contents) => contents.includes("'TEST_DATABASE_URL'"))).toBe(true);
    expect(structuralProblems(composition)).toEqual([]);
  });

  it('take the GitHub expressions of a composed workflow for what they are, not unrendered template tokens', async () => {
    const composition = await composeStack('checked', stack);
    const files = new Map(composition.files);
    files.set(CI_WORKFLOW, composition.files.get(CI_WORKFLOW) ?? renderGithubWorkflow(composition.modules));
    const problems = structuralProblems({ ...composition, files, rendered: new Set([...composition.rendered, CI_WORKFLOW]) });
    expect(files.get(CI_WORKFLOW)).toContain('${{ matrix.node }}');
    expect(problems.filter((problem) => problem.includes('template token'))).toEqual([]);
  });

  it('catch TEST_* URLs the tests do not read, missing ones, ones at no published port, and unknown scripts', async () => {
    const renamed = await editWorkflow((workflow) => workflow.replace('TEST_REDIS_URL:', 'TEST_REDIS:'))();
    expect(renamed).toEqual([
      `${CI_WORKFLOW}: the generated tests read TEST_REDIS_URL, which the workflow does not set`,
      `${CI_WORKFLOW}: sets TEST_REDIS, which no generated test reads`,
    ]);
    const unpublished = await editWorkflow((workflow) => workflow.replace('redis://127.0.0.1:6379', 'redis://127.0.0.1:6390'))();
    expect(unpublished).toEqual([`${CI_WORKFLOW}: TEST_REDIS_URL=redis://127.0.0.1:6390 is not a localhost port a service container publishes`]);
    const script = await editWorkflow((workflow) => workflow.replace('"npm run lint"', '"npm run lint:all"'))();
    expect(script).toEqual([`${CI_WORKFLOW}: runs npm run lint:all, which package.json does not define`]);
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
