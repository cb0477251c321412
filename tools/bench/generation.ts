// Part 1: generation wall time, side by side with alternating runs: create-groundwork (default and
// largest stack, --no-install --no-git) vs create-t3-app 7.40.0 (full stack, installed on demand)
// vs a bare `node -e 0`, under Node 24 LTS (what users run) and under the bench's own node when that differs.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';
import { ensureNode24, node24Bin } from '../../test/support/node24.js';
import type { BenchContext, BenchSection } from './section.js';
import { median } from './stats.js';

const T3_VERSION = '7.40.0';
const t3Dir = join(homedir(), '.cache', 'groundwork', 'bench-t3');
const t3Bin = join(t3Dir, 'node_modules', 'create-t3-app', 'dist', 'index.js');
const generator = join(packageRoot, 'bin', 'create-groundwork.js');

/**
 * Where the generated projects go. This machine's disk creates a file in anywhere from 0.03 to 0.8 ms,
 * changing by the minute (measured while writing this), and create-groundwork writes twice as many
 * files as create-t3-app: on disk, the ratio measured that noise. Both generators write to a RAM disk
 * when there is one, so what is compared is the generators' own work.
 */
const RAM_DISK = '/dev/shm';

function sh(command: string, args: string[], options: SpawnSyncOptions = {}): string {
  const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${String(result.stderr || result.stdout)}`);
  return String(result.stdout);
}

function ensureT3(): void {
  if (existsSync(t3Bin)) return;
  mkdirSync(t3Dir, { recursive: true });
  writeFileSync(join(t3Dir, 'package.json'), '{ "private": true }\n');
  sh('npm', ['install', '--no-audit', '--no-fund', `create-t3-app@${T3_VERSION}`], { cwd: t3Dir });
}

/** The arguments of a timed run; `setup` (not timed) prepares the directory it runs in. */
interface Contender {
  args(target: string): string[];
  /** Where the timed run starts: the work directory, or what setup returns. */
  setup?(target: string, node: string): string;
}

const groundworkBin = join(packageRoot, 'bin', 'groundwork.js');
const EVERY_FIELD_TYPE = 'amount:number,paid:boolean,dueDate:datetime?,status:enum(draft|sent|paid),count:integer,memo:text?,external:uuid?,label:string';

const contenders: Record<string, Contender> = {
  'node -e 0': { args: () => ['-e', '0'] },
  'groundwork default': { args: (target) => [generator, target, '--yes', '--no-install', '--no-git'] },
  'groundwork largest': { args: (target) => [generator, target, '--yes', '--no-install', '--no-git', '--db', 'postgres', '--cache', 'redis', '--auth', 'jwt', '--queue', 'bullmq'] },
  // In a default project made (untimed) just before: a resource with every scalar field type.
  'groundwork generate resource': {
    setup(target, node) {
      sh(node, [generator, target, '--yes', '--no-install', '--no-git'], { env: { ...process.env, NO_COLOR: '1' } });
      return target;
    },
    args: () => [groundworkBin, 'generate', 'resource', 'invoice', '--fields', EVERY_FIELD_TYPE],
  },
  'create-t3-app full': {
    args: (target) => [
      t3Bin,
      target.replace(/.*\//, ''),
      ...['--CI', '--trpc', '--tailwind', '--prisma', '--nextAuth', '--eslint', '--appRouter', '--dbProvider', 'postgres', '--noInstall', '--noGit'],
    ],
  },
};

/** Median wall milliseconds of each contender under `node`; round 0 warms caches and is not counted. */
function measure(node: string, work: string, rounds: number): Record<string, number> {
  const samples = Object.fromEntries(Object.keys(contenders).map((name) => [name, [] as number[]]));
  let counter = 0;
  for (let round = 0; round <= rounds; round++) {
    for (const [name, contender] of Object.entries(contenders)) {
      const target = join(work, `generated-${counter++}`);
      const cwd = contender.setup?.(target, node) ?? work;
      const started = performance.now();
      sh(node, contender.args(target), { cwd, env: { ...process.env, NO_COLOR: '1' } });
      if (round > 0) samples[name]!.push(performance.now() - started);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
}

/**
 * Node 24 LTS (what users run) and the bench's own node, by version: once when they are the same, and
 * not at all for a node the generator refuses (older than 22.15; it would only print that).
 */
function generatorNodes(): Map<string, string> {
  const nodes = new Map<string, string>();
  for (const node of [node24Bin, process.execPath]) {
    const version = sh(node, ['--version']).trim();
    const [major = 0, minor = 0] = version.slice(1).split('.').map(Number);
    if (major > 22 || (major === 22 && minor >= 15)) nodes.set(version, nodes.get(version) ?? node);
  }
  return nodes;
}

export async function benchGeneration(ctx: BenchContext): Promise<BenchSection> {
  // What is measured must be what ships: a fresh build of the bundled CLI.
  sh('npm', ['run', '--silent', 'build'], { cwd: packageRoot });
  ensureT3();
  await ensureNode24();
  const onRamDisk = existsSync(RAM_DISK);
  const base = onRamDisk ? mkdtempSync(join(RAM_DISK, 'groundwork-bench-')) : join(ctx.work, 'generation');
  const rows: string[] = [];
  const headlines: string[] = [];
  for (const [version, node] of generatorNodes()) {
    const work = join(base, version);
    mkdirSync(work, { recursive: true });
    const medians = measure(node, work, ctx.rounds);
    const t3 = medians['create-t3-app full']!;
    const bare = medians['node -e 0']!;
    for (const [name, ms] of Object.entries(medians)) {
      const overBare = name === 'node -e 0' ? '-' : `+${(((ms - bare) / bare) * 100).toFixed(0)}%`;
      rows.push(`| ${version} | ${name} | ${ms.toFixed(0)} | ${(t3 / ms).toFixed(2)}x | ${overBare} |`);
    }
    headlines.push(
      `generation under ${version}: default ${(t3 / medians['groundwork default']!).toFixed(1)}x, largest ${(t3 / medians['groundwork largest']!).toFixed(1)}x faster than create-t3-app; generate resource ${medians['groundwork generate resource']!.toFixed(0)} ms`,
    );
  }
  if (onRamDisk) rmSync(base, { recursive: true, force: true });
  return {
    title: 'Generation',
    markdown: [
      `Wall time from process start to exit, median of ${ctx.rounds} alternating runs (one warm-up round not counted), projects written to ${onRamDisk ? `a RAM disk (${RAM_DISK}): this machine's disk time to create a file varies between 0.03 and 0.8 ms from minute to minute, which on disk decided the ratio more than the generators did` : 'disk under ~/.cache'}.`,
      `create-groundwork runs with \`--yes --no-install --no-git\`; create-t3-app ${T3_VERSION} with \`--CI --noInstall --noGit\` and every option on. Target: at least 4x faster than create-t3-app.`,
      `\`groundwork generate resource\` runs in a default project made just before (not timed), with \`--fields "${EVERY_FIELD_TYPE}"\`: it composes the project twice, plans, writes the new files and the migration in one transaction. Target: well under a second.`,
      '',
      '| node | run | median ms | speed vs create-t3-app | over bare node |',
      '|---|---|---|---|---|',
      ...rows,
    ].join('\n'),
    headlines,
  };
}
