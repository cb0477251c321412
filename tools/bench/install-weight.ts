// What the default project costs to install: packages, direct dependencies, node_modules on disk (all
// and production-only) and the wall time of installs with npm's cache already warm.
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { execa } from 'execa';
import { defaultProject, runInProject } from './default-project.js';
import type { BenchContext, BenchSection } from './section.js';
import { median } from './stats.js';

/** npm installs are slow and vary little; a few are enough for a median. */
const MAX_INSTALL_ROUNDS = 3;
const NPM_FLAGS = ['--no-audit', '--no-fund'];

interface LockEntry {
  dev?: boolean;
  optional?: boolean;
  link?: boolean;
}

interface PackageCounts {
  total: number;
  production: number;
  devOnly: number;
}

interface DiskUsage {
  /** Blocks allocated (du -sk), in KiB. */
  diskKiB: number;
  /** Sum of file sizes (du -sk --apparent-size), in KiB. */
  apparentKiB: number;
}

const readJson = async <T>(path: string): Promise<T> => JSON.parse(await readFile(path, 'utf8')) as T;

/** Entries under node_modules/ of a lockfile (npm's hidden node_modules/.package-lock.json lists only what is on disk). */
async function countPackages(lockfile: string): Promise<PackageCounts> {
  const { packages } = await readJson<{ packages: Record<string, LockEntry> }>(lockfile);
  const installed = Object.entries(packages).filter(([path, entry]) => path.includes('node_modules/') && !entry.link);
  const devOnly = installed.filter(([, entry]) => entry.dev).length;
  return { total: installed.length, production: installed.length - devOnly, devOnly };
}

async function diskUsage(dir: string): Promise<DiskUsage> {
  const kib = async (args: string[]) => Number((await execa('du', ['-sk', ...args, dir])).stdout.split('\t')[0]);
  return { diskKiB: await kib([]), apparentKiB: await kib(['--apparent-size']) };
}

/** A fresh folder holding only the project's package.json (and its lockfile when withLock). */
async function freshCopy(project: string, to: string, withLock: boolean): Promise<void> {
  await rm(to, { recursive: true, force: true });
  await mkdir(to, { recursive: true });
  await copyFile(join(project, 'package.json'), join(to, 'package.json'));
  if (withLock) await copyFile(join(project, 'package-lock.json'), join(to, 'package-lock.json'));
}

async function timedInstall(ctx: BenchContext, project: string, to: string, withLock: boolean, args: string[]): Promise<number> {
  await freshCopy(project, to, withLock);
  const started = performance.now();
  await runInProject(ctx, to, 'npm', [...args, ...NPM_FLAGS]);
  return performance.now() - started;
}

const mib = (kib: number) => (kib / 1024).toFixed(1);
const seconds = (ms: number) => (ms / 1000).toFixed(1);

interface Figures {
  lock: PackageCounts;
  onDisk: number;
  productionOnDisk: number;
  dependencies: number;
  devDependencies: number;
  all: DiskUsage;
  production: DiskUsage;
  ci: number[];
  install: number[];
  productionCi: number;
}

function renderMarkdown(f: Figures): string {
  return [
    'The default project (`create-groundwork --yes`), installed with npm under Node 24.',
    `Package counts are the \`packages\` entries under \`node_modules/\` of its \`package-lock.json\` (entries flagged \`dev\` are dev-only), and of npm's \`node_modules/.package-lock.json\`, which lists what is actually on disk (the lockfile also holds optional packages for other platforms).`,
    "Sizes are `du -sk` (blocks allocated) and `du -sk --apparent-size` (sum of file sizes) of `node_modules`. The production-only weight is a real `npm ci --omit=dev` into a fresh folder holding the project's package.json and lockfile.",
    `Install times are wall time with npm's cache already warm (the project was installed just before), \`${NPM_FLAGS.join(' ')}\`, into fresh folders, through the local registry the bench runs (it serves this repository's unpublished create-groundwork and proxies the rest to npmjs; with a lockfile npm needs no metadata, only cached tarballs), medians of ${f.ci.length}:`,
    '`npm ci` installs from the lockfile (CI, Docker); `npm install` without a lockfile is what `create-groundwork` runs after writing a project (it resolves every version, so it asks the registry for metadata).',
    '',
    '| | value |',
    '|---|---:|',
    `| direct dependencies / devDependencies | ${f.dependencies} / ${f.devDependencies} |`,
    `| packages in package-lock.json (production + dev-only) | ${f.lock.total} (${f.lock.production} + ${f.lock.devOnly}) |`,
    `| packages on disk after \`npm ci\` | ${f.onDisk} |`,
    `| node_modules on disk / apparent size | ${mib(f.all.diskKiB)} MiB / ${mib(f.all.apparentKiB)} MiB |`,
    `| production only (\`npm ci --omit=dev\`): packages on disk | ${f.productionOnDisk} |`,
    `| production only: node_modules on disk / apparent size | ${mib(f.production.diskKiB)} MiB / ${mib(f.production.apparentKiB)} MiB |`,
    `| \`npm ci\`, warm cache (median, min–max) | ${seconds(median(f.ci))} s (${seconds(Math.min(...f.ci))}–${seconds(Math.max(...f.ci))}) |`,
    `| \`npm install\` without lockfile, warm cache (median, min–max) | ${seconds(median(f.install))} s (${seconds(Math.min(...f.install))}–${seconds(Math.max(...f.install))}) |`,
    `| \`npm ci --omit=dev\`, warm cache | ${seconds(f.productionCi)} s |`,
  ].join('\n');
}

export async function benchInstallWeight(ctx: BenchContext): Promise<BenchSection> {
  const { dir } = await defaultProject(ctx);
  const work = join(ctx.work, 'install-weight');
  const rounds = Math.max(1, Math.min(ctx.rounds, MAX_INSTALL_ROUNDS));
  const manifest = await readJson<{ dependencies?: object; devDependencies?: object }>(join(dir, 'package.json'));

  const ci: number[] = [];
  const install: number[] = [];
  for (let i = 0; i < rounds; i++) {
    ci.push(await timedInstall(ctx, dir, join(work, 'ci'), true, ['ci']));
    install.push(await timedInstall(ctx, dir, join(work, 'install'), false, ['install']));
  }
  const productionDir = join(work, 'production');
  const productionCi = await timedInstall(ctx, dir, productionDir, true, ['ci', '--omit=dev']);

  const ciDir = join(work, 'ci');
  const figures: Figures = {
    lock: await countPackages(join(dir, 'package-lock.json')),
    onDisk: (await countPackages(join(ciDir, 'node_modules', '.package-lock.json'))).total,
    productionOnDisk: (await countPackages(join(productionDir, 'node_modules', '.package-lock.json'))).total,
    dependencies: Object.keys(manifest.dependencies ?? {}).length,
    devDependencies: Object.keys(manifest.devDependencies ?? {}).length,
    all: await diskUsage(join(ciDir, 'node_modules')),
    production: await diskUsage(join(productionDir, 'node_modules')),
    ci,
    install,
    productionCi,
  };
  await rm(work, { recursive: true, force: true });
  return {
    title: 'Install weight of the default project',
    markdown: renderMarkdown(figures),
    headlines: [
      `default project: ${figures.onDisk} packages, ${mib(figures.all.diskKiB)} MiB node_modules (${mib(figures.production.diskKiB)} MiB production-only), npm ci ${seconds(median(ci))} s warm`,
    ],
  };
}
