#!/usr/bin/env node
// Generation time, side by side in one run with alternating runs: create-groundwork (default and
// largest stack, --no-install --no-git) vs create-t3-app 7.40.0 (full stack) vs a bare `node -e 0`,
// each under Node 24 LTS (what users run; installed on demand like the tests do) and under the
// machine's node. Prints medians and ratios. Not a test: run it with `npm run bench`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rounds = Number(process.env.BENCH_ROUNDS ?? 10);
const t3Dir = join(homedir(), '.cache', 'groundwork', 'bench-t3');
const t3Bin = join(t3Dir, 'node_modules', 'create-t3-app', 'dist', 'index.js');
const node24Dir = process.env.GROUNDWORK_NODE24_DIR ?? join(homedir(), '.cache', 'groundwork', 'node24');
const node24 = join(node24Dir, 'node_modules', '.bin', 'node');

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
if (!existsSync(node24)) {
  mkdirSync(node24Dir, { recursive: true });
  writeFileSync(join(node24Dir, 'package.json'), '{ "private": true }\n');
  console.log('installing node@24 for the comparison...');
  sh('npm', ['install', '--no-save', '--no-audit', '--no-fund', 'node@24'], { cwd: node24Dir });
}
let counter = 0;
const target = () => join(work, `p${counter++}`);
const gw = join(root, 'bin', 'create-groundwork.js');
const contenders = (node) => ({
  'node -e 0': () => [node, ['-e', '0']],
  'groundwork default': () => [node, [gw, target(), '--yes', '--no-install', '--no-git']],
  'groundwork largest': () => [node, [gw, target(), '--yes', '--no-install', '--no-git', '--db', 'postgres', '--cache', 'redis', '--auth', 'jwt', '--queue', 'bullmq']],
  'create-t3-app full': () => [
    node,
    [t3Bin, target().replace(/.*\//, ''), '--CI', '--trpc', '--tailwind', '--prisma', '--nextAuth', '--eslint', '--appRouter', '--dbProvider', 'postgres', '--noInstall', '--noGit'],
  ],
});

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// Step 2: per node, alternate the contenders round by round so machine noise hits all of them alike;
// then report medians and ratios.
for (const node of [node24, process.execPath]) {
  const runs = contenders(node);
  const samples = Object.fromEntries(Object.keys(runs).map((name) => [name, []]));
  for (let round = 0; round < rounds + 1; round++) {
    for (const [name, command] of Object.entries(runs)) {
      const [bin, args] = command();
      const started = performance.now();
      sh(bin, args, { cwd: work, env: { ...process.env, NO_COLOR: '1' } });
      if (round > 0) samples[name].push(performance.now() - started); // round 0 warms caches
    }
  }
  const medians = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
  const t3 = medians['create-t3-app full'];
  const bare = medians['node -e 0'];
  const version = sh(node, ['--version']).stdout.trim();
  console.log(`\nGeneration wall time under node ${version}, median of ${rounds} alternating runs:\n`);
  console.log('| run | median ms | vs create-t3-app | over bare node |');
  console.log('|---|---|---|---|');
  for (const [name, ms] of Object.entries(medians)) {
    console.log(`| ${name} | ${ms.toFixed(0)} | ${(t3 / ms).toFixed(2)}x faster | ${name === 'node -e 0' ? '-' : `+${(((ms - bare) / bare) * 100).toFixed(0)}%`} |`);
  }
}
console.log(`\n(projects written under ${work}; removed)`);
rmSync(work, { recursive: true, force: true });
