// The every-combination check: enumerate from the catalog, compose each, check its structure, and
// type-check it. Type-checking is by unit (tools/matrix/file-units.ts): a file with everything that
// decides its check. A combination is compiled only when it brings a unit no earlier combination
// brought; every other combination's verdict is the verdicts of its units, each proven identical to a
// compiled one. Compiled combinations share compiler programs in batches. Streams: only the batch
// being assembled and the one being checked are in memory. Linting keeps each distinct file once and
// lints them all in one Biome run at the end (tools/matrix/lint.ts).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { categories } from '../../src/catalog/catalog.js';
import type { Category, Stack } from '../../src/catalog/types.js';
import { allStacks } from '../../src/catalog/validate.js';
import { composeStack } from '../../src/compose/compose-stack.js';
import { packageRoot } from '../../src/paths.js';
import { ensureNode24 } from '../../test/support/node24.js';
import { scanPackages } from './augmenting-packages.js';
import { typecheckBatch, type FileSet } from './batch-typecheck.js';
import { structuralProblems } from './checks.js';
import { typeKey, typeRelevantFiles } from './file-set-keys.js';
import { setUnits, type Unit } from './file-units.js';
import { LintRun } from './lint.js';
import { RESOURCE_SETS, type ResourceSet } from './resource-sets.js';
import { dependencyUnion, installUnion, unionMismatches } from './union-install.js';
import { UnitVerdicts } from './unit-verdicts.js';

export const flagsOf = (stack: Stack) => categories.map((c) => `--${c.id} ${stack[c.id]!.join(',')}`).join(' ');

export interface Shard {
  index: number; // 1-based
  count: number;
}

export interface MatrixOptions {
  shard?: Shard;
  /** Most compiled combinations in one compiler program. */
  batchSize?: number;
  /** The catalog to enumerate (default: the real one; the bench passes reduced ones). */
  catalog?: readonly Category[];
}

export interface MatrixReport {
  inCatalog: number;
  generated: number;
  structurallyValid: number;
  typeChecked: number;
  /** Combinations whose every file passes `biome lint` with the project's biome.json. */
  linted: number;
  /** Distinct files linted (one Biome run over all of them). */
  lintedFiles: number;
  /** Distinct units (file + what decides its check) over all combinations. */
  units: number;
  /** Combinations compiled because they brought a new unit; the rest are proven by their units. */
  compiled: number;
  batches: number;
  /** Compiled combinations that failed inside a batch but passed on their own. */
  rechecked: number;
  /** The first error one of them had in its batch. */
  recheckedExample?: string;
  /** Cases checked: each combination with each of its resource sets (resource-sets.ts). */
  cases: number;
  failures: { stack: Stack; set: ResourceSet; errors: string[] }[];
  /** compose, typecheck and lint overlap in time: each is the sum of its own steps. */
  seconds: { install: number; compose: number; typecheck: number; lint: number; total: number };
}

/** Measured on 2 cores: marginal cost per set stops falling past ~100 sets and memory grows ~13 MB a set. */
export const DEFAULT_BATCH_SIZE = 96;

interface Case {
  stack: Stack;
  set: ResourceSet;
}

interface Compiled extends FileSet {
  case: Case;
  units: Unit[];
}

/** The commands that reproduce a case: create-groundwork with its flags, then its resource commands. */
export const reproduce = ({ stack, set }: Case): string => [`create-groundwork app ${flagsOf(stack)}`, ...set.commands].join(' && ');

export async function runMatrix({ shard = { index: 1, count: 1 }, batchSize = DEFAULT_BATCH_SIZE, catalog = categories }: MatrixOptions = {}): Promise<MatrixReport> {
  const clock = performance.now();
  const root = join(packageRoot, '.cache', 'matrix');
  const stacks = [...allStacks(catalog)];
  const mine = stacks.filter((_, i) => i % shard.count === shard.index - 1);

  // Step 1: one shared node_modules holding every pinned package, and which of them augment types.
  const union = dependencyUnion();
  await ensureNode24();
  await installUnion(root, union);
  const packages = scanPackages(join(root, 'node_modules'));
  const installed = (performance.now() - clock) / 1000;

  // Step 2: compose each combination and check its structure. A combination with a unit not seen
  // before is queued for compiling, in a batch of combinations that may share a program; a full
  // batch is type-checked while the next one is composed (one compiler at a time: it uses every core).
  const tsc = join(root, 'node_modules', '.bin', 'tsc');
  const cases: Case[] = mine.flatMap((stack) => RESOURCE_SETS.map((set) => ({ stack, set })));
  const problems = new Map<Case, string[]>();
  const unitsOf = new Map<Case, string[]>();
  const verdicts = new UnitVerdicts();
  const lint = new LintRun<Case>();
  const pending = new Map<string, Compiled[]>();
  let batches = 0;
  let compiled = 0;
  let rechecked = 0;
  let recheckedExample: string | undefined;
  let composeSeconds = 0;
  let typecheckSeconds = 0;
  let checking = Promise.resolve();
  const check = async (sets: Compiled[]) => {
    await checking;
    const batch = batches++;
    const started = performance.now();
    checking = typecheckBatch(tsc, join(root, `batch-${batch}`), sets).then((outcome) => {
      typecheckSeconds += (performance.now() - started) / 1000;
      for (const set of sets) verdicts.record(set.units, outcome.errors.get(set.key) ?? [], reproduce(set.case));
      rechecked += outcome.rechecked;
      recheckedExample ??= outcome.recheckedExample;
    });
  };
  for (const item of cases) {
    const started = performance.now();
    const composition = await composeStack('matrix-app', item.stack, { resources: item.set.resources, jobs: item.set.jobs, routes: item.set.routes });
    const lintProblem = lint.add(item, composition.files, reproduce(item));
    const found = [...structuralProblems(composition), ...unionMismatches(composition.files.get('package.json') ?? '{}', union), ...(lintProblem ? [lintProblem] : [])];
    if (found.length > 0) problems.set(item, found);
    const files = typeRelevantFiles(composition.files);
    const { units, globalKey } = setUnits(files, packages);
    unitsOf.set(item, units.map((unit) => unit.hash));
    composeSeconds += (performance.now() - started) / 1000;
    if (!verdicts.claimNew(units)) continue;
    compiled++;
    const queue = [...(pending.get(globalKey) ?? []), { key: typeKey(files), files, case: item, units }];
    pending.set(globalKey, queue.length >= batchSize ? [] : queue);
    if (queue.length >= batchSize) await check(queue);
  }
  // Step 3: lint each distinct file once, while the last batches type-check. Outside .cache (see lint.ts).
  const lintStarted = performance.now();
  let lintSeconds = 0;
  const linting = mkdtemp(join(tmpdir(), 'groundwork-matrix-lint-'))
    .then((dir) => lint.run(join(root, 'node_modules', '.bin', 'biome'), dir))
    .finally(() => (lintSeconds = (performance.now() - lintStarted) / 1000));
  for (const queue of pending.values()) if (queue.length > 0) await check(queue);
  await checking;
  const lintFindings = await linting;
  const lintErrors = new Map(cases.map((item) => [item, lintFindings.get(item) ?? []]));

  const typeErrors = new Map(cases.map((item) => [item, verdicts.errorsOf(unitsOf.get(item)!)]));
  const errorsOf = (item: Case) => [...(problems.get(item) ?? []), ...typeErrors.get(item)!, ...lintErrors.get(item)!];
  const failures = cases.map((item) => ({ ...item, errors: errorsOf(item) })).filter((failure) => failure.errors.length > 0);
  // A combination passes when every one of its cases does.
  const passing = (ok: (item: Case) => boolean) => mine.filter((stack) => cases.every((item) => item.stack !== stack || ok(item))).length;
  return {
    inCatalog: stacks.length,
    generated: mine.length,
    cases: cases.length,
    structurallyValid: passing((item) => !problems.has(item)),
    typeChecked: passing((item) => typeErrors.get(item)!.length === 0),
    linted: passing((item) => lintErrors.get(item)!.length === 0),
    lintedFiles: lint.size,
    units: verdicts.size,
    compiled,
    batches,
    rechecked,
    ...(recheckedExample ? { recheckedExample } : {}),
    failures,
    seconds: { install: installed, compose: composeSeconds, typecheck: typecheckSeconds, lint: lintSeconds, total: (performance.now() - clock) / 1000 },
  };
}
