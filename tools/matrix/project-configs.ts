// A generated project's tsconfig files and what they include, as the matrix reads them.
import { posix } from 'node:path';

/** The project's tsconfig files, widest first: the test config extends the app config and includes src. */
export const CONFIGS = ['test/tsconfig.json', 'tsconfig.json'];

export const isTsconfig = (path: string) => /(^|\/)tsconfig[\w.-]*\.json$/.test(path);

/**
 * The project's configs that exist, widest first, and every folder or file they include, as paths
 * from the project root. Only a plain "include" is understood (no globs, "files" or "exclude").
 */
export function projectConfigs(files: ReadonlyMap<string, string>): { configs: string[]; includes: string[] } {
  const configs = CONFIGS.filter((config) => files.has(config));
  if (configs.length === 0) throw new Error('a generated project has no tsconfig.json');
  const includes = configs.flatMap((config) => {
    const { include, files: listed, exclude } = JSON.parse(files.get(config)!) as { include?: string[]; files?: string[]; exclude?: string[] };
    if (!include || listed || exclude || include.some((entry) => /[*?]/.test(entry))) {
      throw new Error(`${config}: the matrix reads only an "include" of folders and files (no globs, "files" or "exclude")`);
    }
    return include.map((entry) => posix.normalize(posix.join(posix.dirname(config), entry)).replace(/\/$/, ''));
  });
  return { configs, includes: [...new Set(includes)] };
}
