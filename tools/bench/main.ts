// `npm run bench [-- part...]`: every benchmark side by side in one run, written to BENCHMARKS.md
// (all parts) or printed (a chosen few). Parts: generation, app, api-styles, cold-start, install, matrix.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';
import { benchApiStyles } from './api-styles.js';
import { benchAppOverhead } from './app-overhead.js';
import { benchColdStart } from './cold-start.js';
import { stopBenchProjects } from './default-project.js';
import { benchGeneration } from './generation.js';
import { benchInstallWeight } from './install-weight.js';
import { describeMachine } from './machine.js';
import { benchMatrix } from './matrix-growth.js';
import type { BenchContext, BenchSection } from './section.js';

const parts: Record<string, (ctx: BenchContext) => Promise<BenchSection>> = {
  generation: benchGeneration,
  app: benchAppOverhead,
  'api-styles': benchApiStyles,
  'cold-start': benchColdStart,
  install: benchInstallWeight,
  matrix: benchMatrix,
};

const chosen = process.argv.slice(2);
for (const name of chosen) {
  if (!(name in parts)) {
    console.error(`unknown bench part "${name}"; the parts are ${Object.keys(parts).join(', ')}`);
    process.exit(2);
  }
}
const selected = chosen.length > 0 ? chosen : Object.keys(parts);

// Work under ~/.cache: on some machines (this one) /tmp is a much slower place to create files.
const base = join(homedir(), '.cache', 'groundwork');
mkdirSync(base, { recursive: true });
const ctx: BenchContext = { work: mkdtempSync(join(base, 'bench-')), rounds: Number(process.env.BENCH_ROUNDS ?? 10) };
const sections: BenchSection[] = [];
try {
  for (const name of selected) {
    console.log(`bench: ${name}...`);
    sections.push(await parts[name]!(ctx));
  }
} finally {
  await stopBenchProjects();
  rmSync(ctx.work, { recursive: true, force: true });
}

const document = [
  '# Benchmarks',
  '',
  `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}. All figures come from one run on this machine:`,
  '',
  describeMachine(),
  '',
  ...sections.flatMap((section) => [`## ${section.title}`, '', section.markdown, '']),
].join('\n');
if (chosen.length === 0) writeFileSync(join(packageRoot, 'BENCHMARKS.md'), document);
else console.log(`\n${document}`);
console.log('\nSummary:');
for (const line of sections.flatMap((section) => section.headlines)) console.log(`- ${line}`);
