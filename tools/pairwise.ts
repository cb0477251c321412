// All-pairs (pairwise) covering set of valid stacks, derived from the catalog alone.
//
// Dimensions: a single-select category is one dimension (its option ids); each option of a
// multi-select category is an on/off dimension. Stacks are built greedily, AETG-style, one
// dimension at a time: a partial stack is only extended with values that still leave it
// completable into a valid stack (a small backtracking search), so the full product is never
// enumerated and the result stays fast even when the catalog allows tens of thousands of stacks.
// Greedy sets depend on the order of their choices, so the set is built several times with
// seeded random orders and the smallest wins: the same catalog always gives the same stacks.
import { categories } from '../src/catalog/catalog.js';
import type { Category, Stack } from '../src/catalog/types.js';
import { validateStack } from '../src/catalog/validate.js';

interface Dimension {
  category: Category;
  /** Set for an option of a multi-select category (values 'on'/'off'). */
  option?: string;
  values: string[];
}

/** A value index per dimension; undefined while not chosen yet. */
type Partial = (number | undefined)[];

/** How many seeds (uncovered pairs) are tried per round; the candidate covering most new pairs wins. */
const CANDIDATES = 8;
/** How many seeded attempts build a whole set; the one with fewest stacks wins. */
const ATTEMPTS = 40;

/** mulberry32: a small seeded generator, so that every run picks the same stacks. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** `first`: valid stacks the set starts with (their pairs count as covered), e.g. one another test needs anyway. */
export function pairwiseStacks(catalog: readonly Category[] = categories, first: readonly Stack[] = []): Stack[] {
  const dims: Dimension[] = catalog.flatMap((category) =>
    category.multiple
      ? category.options.map((option) => ({ category, option: option.id, values: ['on', 'off'] }))
      : [{ category, values: category.options.map((option) => option.id) }],
  );
  const where = new Map<string, number>(); // "category option" -> dimension index
  dims.forEach((dim, d) => {
    for (const option of dim.option === undefined ? dim.values : [dim.option]) where.set(`${dim.category.id} ${option}`, d);
  });
  const chosen = (dim: Dimension, v: number, option: string) => (dim.option === undefined ? dim.values[v] === option : dim.option === option && v === 0);
  const blank = (): Partial => dims.map(() => undefined);

  /** False when the chosen values already break a rule or leave a multi-select category empty. */
  const consistent = (a: Partial): boolean => {
    const state = (category: string, option: string): boolean | undefined => {
      const d = where.get(`${category} ${option}`);
      if (d === undefined) return false; // unknown to the catalog: never chosen
      const v = a[d];
      return v === undefined ? undefined : chosen(dims[d]!, v, option);
    };
    for (const [d, dim] of dims.entries()) {
      const v = a[d];
      if (v === undefined) continue;
      for (const option of dim.category.options) {
        if (!chosen(dim, v, option.id)) continue;
        if (option.requires?.some((rule) => state(rule.category, rule.option) === false)) return false;
        if (option.conflicts?.some((rule) => state(rule.category, rule.option) === true)) return false;
      }
    }
    return catalog.every((category) => !category.multiple || category.options.some((option) => state(category.id, option.id) !== false));
  };

  /** The first valid stack extending `a`, if any (depth-first, values in catalog order). */
  const complete = (a: Partial): Partial | undefined => {
    if (!consistent(a)) return undefined;
    const d = a.indexOf(undefined);
    if (d < 0) return a;
    for (let v = 0; v < dims[d]!.values.length; v++) {
      const done = complete(a.map((x, i) => (i === d ? v : x)));
      if (done) return done;
    }
    return undefined;
  };

  // Pairs are keyed by (d1, v1, d2, v2) with d1 < d2; only those some valid stack contains are required.
  const key = (d1: number, v1: number, d2: number, v2: number) => (d1 < d2 ? `${d1}.${v1}:${d2}.${v2}` : `${d2}.${v2}:${d1}.${v1}`);
  const uncovered = new Map<string, [number, number, number, number]>();
  for (let d1 = 0; d1 < dims.length; d1++) {
    for (let d2 = d1 + 1; d2 < dims.length; d2++) {
      for (let v1 = 0; v1 < dims[d1]!.values.length; v1++) {
        for (let v2 = 0; v2 < dims[d2]!.values.length; v2++) {
          const a = blank();
          a[d1] = v1;
          a[d2] = v2;
          if (complete(a)) uncovered.set(key(d1, v1, d2, v2), [d1, v1, d2, v2]);
        }
      }
    }
  }
  const required = new Map(uncovered);
  const firstStacks = first.map((stack) => validateStack(stack, catalog));
  const indexesOf = (valid: Stack): Partial =>
    dims.map((dim) => (dim.option === undefined ? dim.values.indexOf(valid[dim.category.id]![0]!) : valid[dim.category.id]!.includes(dim.option) ? 0 : 1));
  const stackOf = (a: Partial): Stack => {
    const stack: Stack = Object.fromEntries(catalog.map((category) => [category.id, [] as string[]]));
    dims.forEach((dim, d) => {
      if (dim.option === undefined) stack[dim.category.id]!.push(dim.values[a[d]!]!);
      else if (a[d] === 0) stack[dim.category.id]!.push(dim.option);
    });
    return validateStack(stack, catalog);
  };

  /** One greedy set; attempt 0 keeps the catalog's order, later ones shuffle seeds and dimensions. */
  const attempt = (random: (() => number) | undefined): Partial[] => {
    const left = new Map(required);
    const gain = (a: Partial) => {
      let count = 0;
      for (let d1 = 0; d1 < a.length; d1++) for (let d2 = d1 + 1; d2 < a.length; d2++) if (left.has(key(d1, a[d1]!, d2, a[d2]!))) count++;
      return count;
    };
    const cover = (a: Partial) => {
      for (let d1 = 0; d1 < a.length; d1++) for (let d2 = d1 + 1; d2 < a.length; d2++) left.delete(key(d1, a[d1]!, d2, a[d2]!));
    };
    const shuffled = <T>(items: T[]): T[] => {
      if (!random) return items;
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [items[i], items[j]] = [items[j]!, items[i]!];
      }
      return items;
    };
    /** Starts from one uncovered pair, then gives each other dimension the completable value covering most new pairs. */
    const build = ([d1, v1, d2, v2]: [number, number, number, number]): Partial => {
      const a = blank();
      a[d1] = v1;
      a[d2] = v2;
      for (const d of shuffled(dims.map((_, d) => d))) {
        if (a[d] !== undefined) continue;
        let best: [number, number] | undefined; // [value, score]
        for (let v = 0; v < dims[d]!.values.length; v++) {
          a[d] = v;
          if (!complete(a)) continue;
          const score = a.filter((x, e) => e !== d && x !== undefined && left.has(key(d, v, e, x))).length;
          if (!best || score > best[1]) best = [v, score];
        }
        a[d] = best![0]; // some value always fits: `a` was completable before this dimension
      }
      return a;
    };

    const built: Partial[] = [];
    for (const stack of firstStacks) cover(indexesOf(stack));
    while (left.size > 0) {
      let winner: [Partial, number] | undefined;
      for (const seed of shuffled([...left.values()]).slice(0, CANDIDATES)) {
        const a = build(seed);
        const score = gain(a);
        if (!winner || score > winner[1]) winner = [a, score];
      }
      cover(winner![0]);
      built.push(winner![0]);
    }
    return built;
  };

  let best = attempt(undefined);
  const random = seededRandom(1);
  for (let i = 1; i < ATTEMPTS; i++) {
    const set = attempt(random);
    if (set.length < best.length) best = set;
  }
  return [...firstStacks, ...best.map(stackOf)];
}
