// Part 4: the every-combination matrix: its wall time now, what each option adds to it, and the
// cost of its two kinds of work, projected onto the complete catalog that issue 3 plans.
import { categories } from '../../src/catalog/catalog.js';
import type { Category } from '../../src/catalog/types.js';
import { runMatrix, type MatrixReport } from '../matrix/run.js';
import type { BenchContext, BenchSection } from './section.js';

/**
 * The catalog issue 3 plans for: 4 API styles as a multi-select (15 non-empty subsets), ~8
 * databases, 4 caches, 4 auth schemes, 5 queues, each single-choice category with a "none".
 */
const PLANNED_COMBINATIONS = 15 * (8 + 1) * (4 + 1) * (4 + 1) * (5 + 1);
const BUDGET_MINUTES = 15;

const without = (categoryId: string, optionId: string): Category[] =>
  categories.map((category) =>
    category.id === categoryId ? { ...category, options: category.options.filter((option) => option.id !== optionId), defaults: category.defaults.filter((id) => id !== optionId) } : category,
  );

async function failFree(catalog: readonly Category[]): Promise<MatrixReport> {
  const report = await runMatrix({ catalog });
  if (report.failures.length > 0) throw new Error(`the matrix has ${report.failures.length} failing combinations: run npm run matrix`);
  return report;
}

export async function benchMatrix(_ctx: BenchContext): Promise<BenchSection> {
  // Step 1: the real matrix, twice (the first run may install the shared node_modules).
  await failFree(categories);
  const full = await failFree(categories);

  // Step 2: each option taken out in turn; what it adds is the difference.
  const rows: string[] = [];
  for (const category of categories) {
    for (const option of category.options) {
      if (category.options.length === 1) continue;
      const reduced = await failFree(without(category.id, option.id));
      const added = (pick: (report: MatrixReport) => number) => pick(full) - pick(reduced);
      rows.push(`| ${category.id} ${option.id} | ${added((r) => r.inCatalog)} | ${added((r) => r.units)} | ${added((r) => r.compiled)} | ${added((r) => r.seconds.total).toFixed(1)} |`);
    }
  }

  // Step 3: the two costs. Every combination is composed, checked for structure and keyed; only a
  // combination bringing a new unit is compiled.
  const perCombination = full.seconds.compose / full.generated;
  const perCompiled = full.seconds.typecheck / full.compiled;
  const budget = BUDGET_MINUTES * 60;
  const affordableCompiled = Math.floor((budget - PLANNED_COMBINATIONS * perCombination - full.seconds.install) / perCompiled);

  const totals = `${full.inCatalog} combinations, ${full.units} distinct units, ${full.compiled} combinations compiled in ${full.batches} compiler run(s): ${full.seconds.total.toFixed(1)} s wall (compose+structure+keys ${full.seconds.compose.toFixed(1)} s, type-check ${full.seconds.typecheck.toFixed(1)} s, overlapping)`;
  return {
    title: 'Every-combination matrix',
    markdown: [
      `\`npm run matrix\` on the current catalog: ${totals}.`,
      '',
      'What each option adds: the matrix run again with that option taken out of the catalog.',
      '',
      '| option | combinations it adds | units it adds | compiled combinations it adds | seconds it adds |',
      '|---|---|---|---|---|',
      ...rows,
      '',
      `Costs: composing a combination, checking its structure and keying its units takes **${(perCombination * 1000).toFixed(1)} ms**; compiling a combination (in batches, with its lone re-check when it fails) **${perCompiled.toFixed(2)} s**.`,
      '',
      `The complete catalog issue 3 plans has ${PLANNED_COMBINATIONS.toLocaleString('en')} combinations: composing them all takes ${((PLANNED_COMBINATIONS * perCombination) / 60).toFixed(1)} min, which leaves room in the ${BUDGET_MINUTES}-minute budget for **${affordableCompiled.toLocaleString('en')} compiled combinations** (${((affordableCompiled / PLANNED_COMBINATIONS) * 100).toFixed(0)}% of them). A combination is compiled only when it brings a unit no earlier one brought, so that count follows the variants of each file (which modules' augmentations and which augmenting packages a stack loads, which auth helper its tests use), not the number of combinations; today ${full.compiled} of ${full.inCatalog} are compiled.`,
    ].join('\n'),
    headlines: [
      `matrix: ${full.inCatalog} combinations in ${full.seconds.total.toFixed(1)} s, ${full.compiled} compiled; ${(perCombination * 1000).toFixed(1)} ms a combination, ${perCompiled.toFixed(2)} s a compiled one; the planned ${PLANNED_COMBINATIONS.toLocaleString('en')} fit in ${BUDGET_MINUTES} min with up to ${affordableCompiled.toLocaleString('en')} compiled`,
    ],
  };
}
