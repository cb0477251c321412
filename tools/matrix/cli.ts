// `npm run matrix [-- --shard i/n] [--batch-size n]`: every combination of the catalog, generated and checked.
import { reproduce, runMatrix, type Shard } from './run.js';

function usage(message: string): never {
  console.error(message);
  process.exit(2);
}

function valueOf(argv: readonly string[], flag: string): string | undefined {
  const at = argv.indexOf(flag);
  return at === -1 ? undefined : (argv[at + 1] ?? '');
}

function parseShard(text: string | undefined): Shard {
  if (text === undefined) return { index: 1, count: 1 };
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const [index, count] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!match || count < 1 || index < 1 || index > count) usage(`--shard takes i/n with 1 <= i <= n (got "${text}")`);
  return { index, count };
}

function parseBatchSize(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(text)) usage(`--batch-size takes a positive integer (got "${text}")`);
  return Number(text);
}

const argv = process.argv.slice(2);
const shard = parseShard(valueOf(argv, '--shard'));
const report = await runMatrix({ shard, batchSize: parseBatchSize(valueOf(argv, '--batch-size')) });
for (const failure of report.failures) {
  console.log(`\nFAIL ${reproduce(failure)} (resources: ${failure.set.label})`);
  for (const line of failure.errors.slice(0, 12)) console.log(`  ${line}`);
}
if (report.rechecked > 0) {
  // Each costs a compiler run of its own: many usually mean sets in one program clash (e.g. an augmentation naming a class).
  console.log(`\n${report.rechecked} compiled combination(s) failed inside a batch but passed on their own (checked alone; verdict kept), e.g.\n  ${report.recheckedExample}`);
}
const { install, compose, typecheck, lint, total } = report.seconds;
console.log(
  `\nmatrix shard ${shard.index}/${shard.count}: ${report.inCatalog} combinations in catalog, ${report.generated} generated, ` +
    `${report.cases} cases with their resource sets, ${report.structurallyValid} structurally valid, ${report.typeChecked} type-checked ` +
    `(${report.units} distinct units; ${report.compiled} combinations compiled in ${report.batches} compiler runs), ` +
    `${report.linted} lint-clean (${report.lintedFiles} distinct files), ${report.failures.length} failed, ${total.toFixed(1)} s ` +
    `(install ${install.toFixed(1)} s; compose+structure ${compose.toFixed(1)} s, type-check ${typecheck.toFixed(1)} s and lint ${lint.toFixed(1)} s, overlapping)`,
);
if (process.env.MATRIX_JSON) console.log(`MATRIX_JSON ${JSON.stringify({ ...report, failures: report.failures.length })}`);
process.exitCode = report.failures.length > 0 ? 1 : 0;
