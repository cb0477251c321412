// Locations inside the installed generator package, from source (vitest) and from dist alike.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const isGeneratorRoot = (dir: string) =>
  existsSync(join(dir, 'package.json')) && JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name === 'create-groundwork';

function findPackageRoot(from: string): string {
  let dir = from;
  while (!isGeneratorRoot(dir)) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`create-groundwork: package root not found above ${from}`);
    dir = parent;
  }
  return dir;
}

export const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
/** Template sources; the published package carries them precompiled in dist/templates instead. */
export const templatesDir = join(packageRoot, 'templates');

export const generatorVersion: string = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')).version;
