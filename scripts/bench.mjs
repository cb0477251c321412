#!/usr/bin/env node
// Generation time, side by side in one run with alternating runs: create-groundwork (default and
// largest stack, --no-install --no-git) vs create-t3-app 7.40.0 (full stack) vs a bare `node -e 0`.
// Prints medians and ratios. Not a test: run it with `npm run bench`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rounds = Number(process.env.BENCH_ROUNDS ?? 10);
const t3Dir = join(homedir(), '.cache', 'groundwork', 'bench-t3');
const t3Bin = join(t3Dir, 'node_modules', 'create-t3-app', 'dist', 'index.js');

function sh(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr || result.stdout}`);
  return result;
}

// Step 1: what is measured must exist: a fresh build, and create-t3-app installed on demand.
sh('npm', ['run', '--silent', 'build'], { cwd: root });
if (!existsSync(t3Bin)) {
  mkdirSync(t3Dir, { recursive: true });
  writeFileSync(join(t3Dir, 'package.json'), '{ "private": true }\n');
  console.log('installing create-t3-app@7.40.0 for the comparison...');
  sh('npm', ['install', '--no-audit', '--no-fund', 'create-t3-app@7.40.0'], { cwd: t3Dir });
}

// Projects go under ~/.cache, where users' projects live on the same kind of disk: on some machines
// (this one) /tmp is a much slower place to create files than any other directory.
mkdirSync(join(homedir(), '.cache', 'groundwork'), { recursive: true });
const work = mkdtempSync(join(homedir(), '.cache', 'groundwork', 'bench-'));
let counter = 0;
const target = () => join(work, `p${counter++}`);
const gw = join(root, 'bin', 'create-groundwork.js');
const contenders = {
  'node -e 0': () => ['node', ['-e', '0']],
  'groundwork default': () => ['node', [gw, target(), '--yes', '--no-install', '--no-git']],
  'groundwork largest': () => ['node', [gw, target(), '--yes', '--no-install', '--no-git', '--db', 'postgres', '--cache', 'redis', '--auth', 'jwt', '--queue', 'bullmq']],
  'create-t3-app full': () => [
    'node',
    [t3Bin, target().replace(/.*\//, ''), '--CI', '--trpc', '--tailwind', '--prisma', '--nextAuth', '--eslint', '--appRouter', '--dbProvider', 'postgres', '--noInstall', '--noGit'],
  ],
};

// Step 2: alternate the contenders round by round so machine noise hits all of them alike.
const samples = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
for (let round = 0; round < rounds + 1; round++) {
  for (const [name, command] of Object.entries(contenders)) {
    const [bin, args] = command();
    const started = performance.now();
    sh(bin, args, { cwd: work, env: { ...process.env, NO_COLOR: '1' } });
    if (round > 0) samples[name].push(performance.now() - started); // round 0 warms caches
  }
}
rmSync(work, { recursive: true, force: true });

// Step 3: report medians and ratios.
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const medians = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
const t3 = medians['create-t3-app full'];
const node = medians['node -e 0'];
console.log(`\nGeneration wall time, median of ${rounds} alternating runs (node ${process.version}, projects written under ${work}):\n`);
console.log('| run | median ms | vs create-t3-app | over bare node |');
console.log('|---|---|---|---|');
for (const [name, ms] of Object.entries(medians)) {
  console.log(`| ${name} | ${ms.toFixed(0)} | ${(t3 / ms).toFixed(2)}x faster | ${name === 'node -e 0' ? '-' : `+${(((ms - node) / node) * 100).toFixed(0)}%`} |`);
}
