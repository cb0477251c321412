// Validates a stack against the catalog: known values, arity, and requires/conflicts rules.
import { didYouMean } from '../cli/suggest.js';
import { quote, UsageError } from '../errors.js';
import { categories } from './catalog.js';
import { findOption, optionIds } from './lookup.js';
import type { Category, OptionRule, Stack } from './types.js';

const accepted = (category: Category) => `Accepted: ${optionIds(category).join(', ')}.`;

/**
 * The category a command-line word names, case-insensitively ("Cache" is cache); a UsageError naming
 * the nearest ones otherwise.
 */
export function parseCategory(raw: string, catalog: readonly Category[] = categories): Category {
  const category = catalog.find((c) => c.id === raw.trim().toLowerCase());
  if (category) return category;
  const ids = catalog.map((c) => c.id);
  throw new UsageError(`Unknown category ${quote(raw)}.${didYouMean(raw.trim(), ids)} Accepted categories: ${ids.join(', ')}.`);
}

/** The option a value names, case-insensitively: option ids are lowercase, so "Postgres" can only mean postgres. */
function parseValue(category: Category, value: string, catalog: readonly Category[]): string {
  const option = findOption(category, value.toLowerCase());
  if (option) return option.id;
  const elsewhere = catalog.filter((c) => c.id !== category.id && findOption(c, value.toLowerCase()));
  const hint = elsewhere.length === 1 ? ` ${quote(value.toLowerCase())} is a value of --${elsewhere[0]!.id}.` : didYouMean(value, optionIds(category));
  throw new UsageError(`Unknown value ${quote(value)} for --${category.id}.${hint} ${accepted(category)}`);
}

/** Parses a flag value such as "rest,graphql" into option ids, checking each against the catalog. */
export function parseChoice(category: Category, raw: string, catalog: readonly Category[] = categories): string[] {
  const values = raw.split(',').map((value) => value.trim());
  if (values.every((value) => value === '')) {
    throw new UsageError(`--${category.id} needs ${category.multiple ? 'at least one value' : 'a value'}. ${accepted(category)}`);
  }
  const ids: string[] = [];
  for (const value of values) {
    if (value === '') throw new UsageError(`--${category.id} ${quote(raw)} has an empty item. ${accepted(category)}`);
    ids.push(parseValue(category, value, catalog));
  }
  const unique = [...new Set(ids)];
  if (!category.multiple && unique.length > 1) {
    throw new UsageError(`--${category.id} takes one value, got ${quote(raw)}. ${accepted(category)}`);
  }
  return unique;
}

const chosen = (stack: Stack, rule: OptionRule) => stack[rule.category]?.includes(rule.option) ?? false;

/** Checks a complete stack; returns it with options in catalog order. */
export function validateStack(stack: Stack, catalog: readonly Category[] = categories): Stack {
  for (const id of Object.keys(stack)) {
    if (!catalog.some((category) => category.id === id)) {
      throw new UsageError(`Unknown category ${quote(id)}. Accepted: ${catalog.map((c) => c.id).join(', ')}.`);
    }
  }
  const ordered: Stack = {};
  for (const category of catalog) {
    const values = stack[category.id];
    if (!values || values.length === 0) throw new UsageError(`No value for --${category.id}. ${accepted(category)}`);
    ordered[category.id] = parseChoice(category, values.join(','), catalog);
    ordered[category.id]!.sort((a, b) => optionIds(category).indexOf(a) - optionIds(category).indexOf(b));
  }
  for (const category of catalog) {
    for (const id of ordered[category.id]!) {
      const option = findOption(category, id)!;
      for (const rule of option.requires ?? []) {
        if (!chosen(ordered, rule)) {
          throw new UsageError(`--${category.id} ${id} needs --${rule.category} ${rule.option}: ${rule.reason}`);
        }
      }
      for (const rule of option.conflicts ?? []) {
        if (chosen(ordered, rule)) {
          throw new UsageError(`--${category.id} ${id} cannot be combined with --${rule.category} ${rule.option}: ${rule.reason}`);
        }
      }
    }
  }
  return ordered;
}

/** Every valid stack the catalog allows, derived from options and rules alone. */
export function* allStacks(catalog: readonly Category[] = categories): Generator<Stack> {
  const choices = catalog.map((category) => (category.multiple ? nonEmptySubsets(optionIds(category)) : optionIds(category).map((id) => [id])));
  const indices = choices.map(() => 0);
  while (true) {
    const stack = Object.fromEntries(catalog.map((category, i) => [category.id, choices[i]![indices[i]!]!]));
    if (isValid(stack, catalog)) yield stack;
    let position = indices.length - 1;
    while (position >= 0 && ++indices[position]! === choices[position]!.length) indices[position--] = 0;
    if (position < 0) return;
  }
}

function isValid(stack: Stack, catalog: readonly Category[]): boolean {
  try {
    validateStack(stack, catalog);
    return true;
  } catch (error) {
    if (error instanceof UsageError) return false;
    throw error;
  }
}

function nonEmptySubsets(ids: string[]): string[][] {
  const subsets: string[][] = [];
  for (let mask = 1; mask < 1 << ids.length; mask++) subsets.push(ids.filter((_, i) => mask & (1 << i)));
  return subsets;
}
