// Once per `npm test` (vitest globalSetup): one migrated embedded database, dumped to a file that every
// app a test builds starts from (PGLITE_IMAGE, see database.ts) instead of running initdb itself.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { migratedImage } from '../../src/modules/db-postgres/pglite.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteImage: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'pglite-image-'));
  const path = join(dir, 'migrated.tar');
  await writeFile(path, Buffer.from(await (await migratedImage()).arrayBuffer()));
  project.provide('pgliteImage', path);
  return () => rm(dir, { recursive: true, force: true });
}
