import { describe, expect, it } from 'vitest';
import { categories } from '../../src/catalog/catalog.js';
import type { Category, CatalogOption, OptionRule, Stack } from '../../src/catalog/types.js';
import { allStacks, validateStack } from '../../src/catalog/validate.js';
import { pairwiseStacks } from '../../tools/pairwise.js';

type Rules = Pick<CatalogOption, 'requires' | 'conflicts'>;
const rule = (category: string, option: string): OptionRule => ({ category, option, reason: 'test' });
const cat = (id: string, ids: string[], multiple = false, rules: Record<string, Rules> = {}): Category => ({
  id,
  question: '?',
  multiple,
  defaults: [ids[0]!],
  options: ids.map((o) => ({ id: o, label: o, hint: '', manifest: { id: `${id}/${o}`, title: o }, ...rules[o] })),
});

/** The values a stack gives each dimension: `cat=option` for single-select, `cat.option=on|off` for multi-select. */
function facts(stack: Stack, catalog: readonly Category[]): string[] {
  return catalog.flatMap((c) =>
    c.multiple ? c.options.map((o) => `${c.id}.${o.id}=${stack[c.id]!.includes(o.id) ? 'on' : 'off'}`) : [`${c.id}=${stack[c.id]![0]}`],
  );
}

function pairs(stacks: Iterable<Stack>, catalog: readonly Category[]): Set<string> {
  const found = new Set<string>();
  for (const stack of stacks) {
    const f = facts(stack, catalog);
    for (let i = 0; i < f.length; i++) for (let j = i + 1; j < f.length; j++) found.add(`${f[i]} & ${f[j]}`);
  }
  return found;
}

const multi = [cat('api', ['rest', 'graphql', 'grpc'], true), cat('db', ['postgres', 'sqlite', 'none']), cat('cache', ['memory', 'redis'])];

const rules = [
  cat('api', ['rest', 'graphql'], true, { graphql: { requires: [rule('db', 'postgres')] } }),
  cat('db', ['postgres', 'mysql', 'none']),
  cat('cache', ['memory', 'redis', 'none']),
  cat('queue', ['bullmq', 'sqs', 'none'], false, {
    bullmq: { requires: [rule('cache', 'redis')] },
    sqs: { conflicts: [rule('db', 'none'), rule('api', 'graphql')] },
  }),
  cat('auth', ['jwt', 'session', 'none'], false, { session: { requires: [rule('db', 'postgres')], conflicts: [rule('cache', 'none')] } }),
];

const ids = (n: number) => Array.from({ length: n }, (_, i) => `o${i}`);
const large = [
  cat('c0', ids(5)),
  cat('c1', ids(5), false, { o4: { requires: [rule('c2', 'o0')] } }),
  cat('c2', ids(5)),
  cat('c3', ids(5), false, { o3: { conflicts: [rule('c4', 'o3')] } }),
  cat('c4', ids(5)),
  cat('c5', ids(5)),
];

describe('pairwiseStacks', () => {
  const cases: [string, readonly Category[]][] = [
    ['the real catalog', categories],
    ['three multi-select options', multi],
    ['requires and conflicts rules', rules],
    ['a 6 x 5 catalog', large],
  ];

  it.each(cases)('covers every feasible pair with valid stacks for %s', (_, catalog) => {
    const stacks = pairwiseStacks(catalog);
    for (const stack of stacks) expect(validateStack(stack, catalog)).toEqual(stack);
    expect(pairs(stacks, catalog)).toEqual(pairs(allStacks(catalog), catalog));
  });

  it('starts from the stacks it is given and still covers every pair', () => {
    const full = { api: ['rest', 'graphql', 'grpc', 'websocket'], db: ['postgres'], cache: ['redis'], auth: ['jwt'], queue: ['bullmq'] };
    const stacks = pairwiseStacks(categories, [full]);
    expect(stacks[0]).toEqual(validateStack(full));
    expect(pairs(stacks, categories)).toEqual(pairs(allStacks(categories), categories));
    expect(() => pairwiseStacks(categories, [{ ...full, db: ['oracle'] }])).toThrow();
  });

  it.each(cases)('is deterministic for %s', (_, catalog) => {
    expect(pairwiseStacks(catalog)).toEqual(pairwiseStacks(catalog));
  });

  it('leaves out pairs the rules forbid, directly or through other dimensions, and keeps the rest', () => {
    const covered = pairs(pairwiseStacks(rules), rules);
    expect(covered).not.toContain('api.graphql=on & db=mysql'); // graphql requires postgres
    expect(covered).not.toContain('cache=none & auth=session'); // session conflicts with no cache
    expect(covered).not.toContain('api.rest=off & db=mysql'); // rest off forces graphql on, which requires postgres
    expect(covered).not.toContain('api.rest=off & queue=sqs'); // rest off forces graphql on, which sqs conflicts with
    expect(covered).not.toContain('api.rest=off & api.graphql=off'); // the api needs at least one style
    expect(covered).toContain('queue=sqs & auth=session');
    expect(covered).toContain('api.rest=off & auth=session');
  });

  it('needs no more stacks than the two largest categories have value pairs, on the real catalog', () => {
    const sizes = categories.map((category) => (category.multiple ? 2 : category.options.length)).sort((a, b) => b - a);
    const full = { api: ['rest', 'graphql', 'grpc', 'websocket'], db: ['postgres'], cache: ['redis'], auth: ['jwt'], queue: ['bullmq'] };
    expect(pairwiseStacks(categories, [full])).toHaveLength(sizes[0]! * sizes[1]!);
  });

  it('stays far smaller than the full product of a large catalog', () => {
    const stacks = pairwiseStacks(large);
    expect(stacks.length).toBeLessThan(60);
    expect(stacks.length).toBeGreaterThanOrEqual(25); // 5 x 5 values of two categories
    expect(new Set(stacks.map((s) => JSON.stringify(s))).size).toBe(stacks.length);
  });
});
