// `npm run matrix [-- --shard i/n]`: every combination of the catalog, generated and checked.
import { runMatrix, flagsOf, type Shard } from './run.js';

function parseShard(argv: readonly string[]): Shard {
  const at = argv.indexOf('--shard');
  if (at === -1) return { index: 1, count: 1 };
  const match = /^(\d+)\/(\d+)$/.exec(argv[at + 1] ?? '');
  const [index, count] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!match || count < 1 || index < 1 || index > count) {
    console.error(`--shard takes i/n with 1 <= i <= n (got "${argv[at + 1] ?? ''}")`);
    process.exit(2);
  }
  return { index, count };
}

const shard = parseShard(process.argv.slice(2));
const report = await runMatrix(shard);
for (const failure of report.failures) {
  console.log(`\nFAIL create-groundwork app ${flagsOf(failure.stack)}`);
  for (const line of failure.errors.slice(0, 12)) console.log(`  ${line}`);
}
console.log(
  `\nmatrix shard ${shard.index}/${shard.count}: ${report.inCatalog} combinations in catalog, ${report.generated} generated, ` +
    `${report.structurallyValid} structurally valid, ${report.typeChecked} type-checked ` +
    `(${report.distinctFileSets} distinct file sets), ${report.failures.length} failed, ${report.seconds.toFixed(1)} s`,
);
process.exitCode = report.failures.length > 0 ? 1 : 0;
