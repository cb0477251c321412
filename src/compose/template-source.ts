// Reads module template files from disk: the only I/O of composition, done before compose runs.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { templatesDir } from '../paths.js';

export interface TemplateFile {
  /** Path in the generated project (after `_name` -> `.name` and without `.hbs`). */
  path: string;
  contents: string;
  /** Rendered with handlebars when true, copied as is otherwise. */
  render: boolean;
}

export interface TemplateSource {
  /** Module id -> its files. */
  files: Map<string, TemplateFile[]>;
  /** Module id -> its README section (readme.md.hbs beside the manifest), if any. */
  readme: Map<string, string>;
  /** Package name -> exact version, for every dependency a generated project may use. */
  versions: Record<string, string>;
}

/** Dotfiles are stored as `_name` (npm drops `.gitignore` from packages); other `_` names are kept. */
const dotfiles = new Set(['_gitignore', '_dockerignore', '_npmrc', '_github', '_vscode', '_editorconfig', '_nvmrc']);

export function outputPath(templatePath: string): string {
  const parts = templatePath.split(sep).map((part) => (dotfiles.has(part) ? `.${part.slice(1)}` : part));
  const joined = parts.join('/');
  return joined.endsWith('.hbs') ? joined.slice(0, -'.hbs'.length) : joined;
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const nested = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : Promise.resolve([join(dir, entry.name)]))),
  );
  return nested.flat();
}

export async function loadTemplateSource(moduleIds: readonly string[]): Promise<TemplateSource> {
  const files = new Map<string, TemplateFile[]>();
  const readme = new Map<string, string>();
  await Promise.all(
    moduleIds.map(async (id) => {
      const root = join(templatesDir, id);
      const filesRoot = join(root, 'files');
      const paths = await walk(filesRoot);
      const loaded = await Promise.all(
        paths.map(async (path) => ({
          path: outputPath(relative(filesRoot, path)),
          contents: await readFile(path, 'utf8'),
          render: path.endsWith('.hbs'),
        })),
      );
      files.set(id, loaded.sort((a, b) => a.path.localeCompare(b.path)));
      const section = await readFile(join(root, 'readme.md.hbs'), 'utf8').catch(() => undefined);
      if (section !== undefined) readme.set(id, section);
    }),
  );
  const versions = JSON.parse(await readFile(join(templatesDir, 'versions.json'), 'utf8')) as Record<string, string>;
  return { files, readme, versions };
}
