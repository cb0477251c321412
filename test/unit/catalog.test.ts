import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { categories, internalModules } from '../../src/catalog/catalog.js';
import { defaultStack } from '../../src/catalog/lookup.js';
import type { Category, ModuleManifest } from '../../src/catalog/types.js';
import { allStacks, parseChoice, validateStack } from '../../src/catalog/validate.js';
import { UsageError } from '../../src/errors.js';
import { templatesDir } from '../../src/paths.js';

const category = (id: string) => categories.find((c) => c.id === id)!;
const manifest = (id: string): ModuleManifest => ({ id, title: id });

describe('catalog', () => {
  it('gives every option a template folder whose manifest id is <category>/<option>', () => {
    for (const c of categories) {
      for (const option of c.options) {
        expect(option.manifest.id).toBe(`${c.id}/${option.id}`);
        expect(existsSync(join(templatesDir, c.id, option.id, 'module.ts')), option.manifest.id).toBe(true);
      }
    }
    for (const m of internalModules) expect(existsSync(join(templatesDir, m.id, 'module.ts')), m.id).toBe(true);
  });

  it('has defaults that are options of their category and form a valid stack', () => {
    for (const c of categories) for (const id of c.defaults) expect(c.options.map((o) => o.id)).toContain(id);
    expect(validateStack(defaultStack())).toEqual({ api: ['rest'], db: ['postgres'], cache: ['memory'], auth: ['jwt'], queue: ['none'] });
  });

  it('enumerates every combination from the options alone (15 non-empty API subsets x 4 x 3 x 2 x 2)', () => {
    const stacks = [...allStacks()];
    expect(stacks).toHaveLength(720);
    expect(new Set(stacks.map((s) => JSON.stringify(s))).size).toBe(720);
    const apis = new Set(stacks.map((s) => s.api!.join(',')));
    expect(apis.size).toBe(15);
    expect(apis).toContain('grpc');
    expect(apis).toContain('graphql,grpc');
    expect(apis).toContain('rest,graphql,grpc,websocket'); // in catalog order, whatever order they were given in
  });
});

describe('parseChoice', () => {
  it('accepts known values, trims them and drops repeats', () => {
    expect(parseChoice(category('api'), ' rest , rest')).toEqual(['rest']);
  });

  it('names the bad value and the accepted ones', () => {
    expect(() => parseChoice(category('db'), 'mongo')).toThrow('Unknown value "mongo" for --db. Accepted: postgres, mysql, sqlite, none.');
    expect(() => parseChoice(category('api'), '')).toThrow('--api needs at least one value. Accepted: rest, graphql, grpc, websocket.');
    expect(() => parseChoice(category('api'), 'rest,')).toThrow('--api "rest," has an empty item.');
    expect(() => parseChoice(category('db'), 'postgres,none')).toThrow('--db takes one value, got "postgres,none".');
  });
});

describe('validateStack with rules', () => {
  const catalog: Category[] = [
    {
      id: 'queue',
      question: '?',
      multiple: false,
      defaults: ['none'],
      options: [
        { id: 'jobs', label: 'Jobs', hint: '', manifest: manifest('queue/jobs'), requires: [{ category: 'cache', option: 'redis', reason: 'jobs live in Redis' }] },
        { id: 'none', label: 'None', hint: '', manifest: manifest('queue/none') },
      ],
    },
    {
      id: 'cache',
      question: '?',
      multiple: false,
      defaults: ['none'],
      options: [
        { id: 'redis', label: 'Redis', hint: '', manifest: manifest('cache/redis') },
        { id: 'none', label: 'None', hint: '', manifest: manifest('cache/none'), conflicts: [{ category: 'queue', option: 'jobs', reason: 'unused' }] },
      ],
    },
  ];

  it('refuses a missing requirement and a conflict, naming both sides', () => {
    expect(() => validateStack({ queue: ['jobs'], cache: ['none'] }, catalog)).toThrow(UsageError);
    expect(() => validateStack({ queue: ['jobs'], cache: ['none'] }, catalog)).toThrow('--queue jobs needs --cache redis: jobs live in Redis');
    expect(validateStack({ queue: ['jobs'], cache: ['redis'] }, catalog)).toEqual({ queue: ['jobs'], cache: ['redis'] });
  });

  it('leaves rule-breaking stacks out of the enumeration', () => {
    expect([...allStacks(catalog)]).toEqual([
      { queue: ['jobs'], cache: ['redis'] },
      { queue: ['none'], cache: ['redis'] },
      { queue: ['none'], cache: ['none'] },
    ]);
  });

  it('rejects unknown categories and missing answers', () => {
    expect(() => validateStack({ queue: ['none'], cache: ['none'], color: ['red'] }, catalog)).toThrow('Unknown category "color". Accepted: queue, cache.');
    expect(() => validateStack({ queue: ['none'] }, catalog)).toThrow('No value for --cache.');
  });
});
