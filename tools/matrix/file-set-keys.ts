// Which files of a composed project the compiler reads, and a key over exactly those: combinations
// with the same key render byte-identical type-relevant files.
import { createHash } from 'node:crypto';
import { isTsconfig } from './project-configs.js';

/** What tsc reads: sources, tsconfig files, and package.json (it decides which types resolve). */
const typeRelevant = (path: string) => path.endsWith('.ts') || isTsconfig(path) || path === 'package.json';

export function typeKey(files: ReadonlyMap<string, string>): string {
  const hash = createHash('sha256');
  for (const [path, contents] of [...files].filter(([path]) => typeRelevant(path)).sort(([a], [b]) => a.localeCompare(b))) {
    hash.update(`${path}\0${contents}\0`);
  }
  return hash.digest('hex').slice(0, 16);
}

export const typeRelevantFiles = (files: ReadonlyMap<string, string>) => new Map([...files].filter(([path]) => typeRelevant(path)));
