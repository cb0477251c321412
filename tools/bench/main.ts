// `npm run bench [-- part...]`: every benchmark side by side in one run, written to BENCHMARKS.md
// (all parts), or with the sections of the chosen parts replaced in it. Parts: generation, app,
// api-styles, stores, cold-start, install, matrix.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
import { benchStores } from './stores.js';

const parts: Record<string, (ctx: BenchContext) => Promise<BenchSection>> = {
  generation: benchGeneration,
  app: benchAppOverhead,
  'api-styles': benchApiStyles,
  stores: benchStores,
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

// Each section says when it was measured: a run of chosen parts replaces their sections and keeps the others.
const today = new Date().toISOString().slice(0, 10);
const rendered = (section: BenchSection) => `## ${section.title}\n\n_Measured on ${today}._\n\n${section.markdown}\n`;
const file = join(packageRoot, 'BENCHMARKS.md');
const kept = new Map<string, string>();
if (chosen.length > 0 && existsSync(file)) {
  const [header = '', ...blocks] = readFileSync(file, 'utf8').split(/^(?=## )/m);
  // Files written before sections carried their date have it once, in the header.
  const written = /on (\d{4}-\d{2}-\d{2})/.exec(header)?.[1];
  for (const block of blocks) {
    const title = block.slice(3, block.indexOf('\n'));
    const dated = block.includes('\n_Measured on ') || written === undefined ? block : block.replace('\n\n', `\n\n_Measured on ${written}._\n\n`);
    kept.set(title, `${dated.trimEnd()}\n`);
  }
}
for (const section of sections) kept.set(section.title, rendered(section));
const document = [
  '# Benchmarks',
  '',
  'Written by `npm run bench` (every part) or `npm run bench -- <part>...` (those sections only, the others kept as they were). The figures of one section come from one run; the machine of the latest run:',
  '',
  describeMachine(),
  '',
  ...(chosen.length > 0 ? [...kept.values()] : sections.map(rendered)),
].join('\n');
writeFileSync(file, document);
console.log('\nSummary:');
for (const line of sections.flatMap((section) => section.headlines)) console.log(`- ${line}`);
