// Once per e2e run: Node 24 for generated projects, and a local registry serving this repository
// as create-groundwork@latest (generated projects pin the generator as a devDependency).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureNode24 } from '../support/node24.js';
import { publishGenerator, startRegistry } from '../support/registry.js';

declare module 'vitest' {
  export interface ProvidedContext {
    registryEnv: Record<string, string>;
  }
}

export default async function setup(project: TestProject) {
  await ensureNode24();
  const work = await mkdtemp(join(tmpdir(), 'gw-registry-'));
  const registry = await startRegistry(work);
  const teardown = async () => {
    await registry.stop();
    await rm(work, { recursive: true, force: true });
  };
  // A failed publish (e.g. the build breaks) must not leave verdaccio running.
  await publishGenerator(registry).catch(async (error: unknown) => {
    await teardown();
    throw error;
  });
  project.provide('registryEnv', registry.env);
  return teardown;
}
