// The generated projects the bench measures, created once per run and shared by its sections: the
// default stack and the full stack, each generated, installed with npm and built. Generated projects pin
// create-groundwork (unpublished) as a devDependency, so installs go through a local registry that
// serves this repository and proxies everything else to npm, as in the end-to-end tests.
import { join } from 'node:path';
import { createGroundwork } from '../../test/support/cli.js';
import { ensureNode24, node24Env } from '../../test/support/node24.js';
import { run } from '../../test/support/project.js';
import { publishGenerator, startRegistry, type LocalRegistry } from '../../test/support/registry.js';
import type { BenchContext } from './section.js';

export interface BenchProject {
  dir: string;
}

export const FULL_STACK_FLAGS = ['--db', 'postgres', '--cache', 'redis', '--auth', 'jwt', '--queue', 'bullmq'];

let registry: Promise<LocalRegistry> | undefined;
const projects = new Map<string, Promise<BenchProject>>();

async function startBenchRegistry(work: string): Promise<LocalRegistry> {
  await ensureNode24();
  const started = await startRegistry(join(work, 'registry'));
  // Publishing runs prepack (`npm run build`), so dist/, which the create-groundwork bin loads, is fresh
  // before any project is generated.
  await publishGenerator(started);
  return started;
}

function benchRegistry(ctx: BenchContext): Promise<LocalRegistry> {
  registry ??= startBenchRegistry(ctx.work);
  return registry;
}

/** npm settings that reach the local registry; every npm command in a bench project needs them. */
export async function registryEnv(ctx: BenchContext): Promise<Record<string, string>> {
  return (await benchRegistry(ctx)).env;
}

/** Runs a command under Node 24 in a bench project, with the local registry; throws with its output on failure. */
export async function runInProject(ctx: BenchContext, dir: string, command: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  return run(command, args, dir, { ...(await registryEnv(ctx)), ...env });
}

async function createProject(ctx: BenchContext, name: string, flags: string[]): Promise<BenchProject> {
  const dir = join(ctx.work, name);
  const env = await registryEnv(ctx);
  const created = await createGroundwork([name, ...flags, '--yes', '--no-git', '--no-install', '--pm', 'npm'], ctx.work, node24Env(env) as Record<string, string>);
  if (created.exitCode !== 0) throw new Error(`create-groundwork ${name} failed:\n${created.stderr}`);
  await runInProject(ctx, dir, 'npm', ['install', '--no-audit', '--no-fund']);
  await runInProject(ctx, dir, 'npm', ['run', 'build']);
  return { dir };
}

/** `create-groundwork <name> <flags>`, installed and built, once per run. */
export function memoizedProject(ctx: BenchContext, name: string, flags: string[]): Promise<BenchProject> {
  let project = projects.get(name);
  if (!project) {
    project = createProject(ctx, name, flags);
    projects.set(name, project);
  }
  return project;
}

/** `create-groundwork bench-default --yes`: every default (embedded PGlite, memory cache, jwt), installed and built. */
export const defaultProject = (ctx: BenchContext) => memoizedProject(ctx, 'bench-default', []);

/** postgres + redis + jwt + bullmq, installed and built (services are the caller's business). */
export const fullStackProject = (ctx: BenchContext) => memoizedProject(ctx, 'bench-full', FULL_STACK_FLAGS);

/** Every API style the catalog has so far, otherwise the defaults. */
export const API_STYLES_FLAGS = ['--api', 'rest,graphql,grpc'];

/** The defaults with every API style, installed and built. */
export const apiStylesProject = (ctx: BenchContext) => memoizedProject(ctx, 'bench-api-styles', API_STYLES_FLAGS);

/** Stops the local registry. The projects stay in ctx.work, which the caller removes. */
export async function stopBenchProjects(): Promise<void> {
  const started = registry;
  registry = undefined;
  projects.clear();
  if (started) await (await started.catch(() => undefined))?.stop();
}
