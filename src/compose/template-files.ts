// Reads one module's template folder as it is on disk: `files/**` (once per project), `resource/**`,
// `job/**` and `route/**` (once per resource, job or route, with path tokens such as `__pluralKebab__`
// and `__kebab__`) and `readme.md.hbs`.
// Used by the build (to precompile) and, when running from source, at generation time.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface RawTemplateFile {
  /** Path in the generated project (after `_name` -> `.name` and without `.hbs`). */
  path: string;
  contents: string;
  /** A handlebars template (`.hbs`) rather than a file copied as is. */
  render: boolean;
}

/** The folders rendered once per unit, by the key a module's templates have them under. */
export const PER_UNIT_FOLDERS = { resourceFiles: 'resource', jobFiles: 'job', routeFiles: 'route' } as const;
export type PerUnitKey = keyof typeof PER_UNIT_FOLDERS;
export const PER_UNIT_KEYS = Object.keys(PER_UNIT_FOLDERS) as PerUnitKey[];

/** `files` once per project; each per-unit list once per unit, its paths still holding the tokens (see resources/view.ts, units/view.ts). */
export type RawModuleTemplates = { files: RawTemplateFile[]; readme?: string } & Record<PerUnitKey, RawTemplateFile[]>;

/** Dotfiles are stored as `_name` (npm drops `.gitignore` from packages); other `_` names are kept. */
const dotfiles = new Set(['_gitignore', '_dockerignore', '_npmrc', '_github', '_vscode', '_editorconfig', '_nvmrc']);

export function outputPath(templatePath: string): string {
  const parts = templatePath.split(sep).map((part) => (dotfiles.has(part) ? `.${part.slice(1)}` : part));
  const joined = parts.join('/');
  return joined.endsWith('.hbs') ? joined.slice(0, -'.hbs'.length) : joined;
}

function ifExists<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw error;
  }
}

// Synchronous on purpose: a few hundred small reads through the libuv thread pool cost more in
// thread hand-offs than they gain from overlap in a short-lived CLI.
function walk(dir: string): string[] {
  const entries = ifExists(() => readdirSync(dir, { withFileTypes: true }), []);
  return entries.flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]));
}

function readTree(root: string): RawTemplateFile[] {
  return walk(root)
    .map((path) => ({ path: outputPath(relative(root, path)), contents: readFileSync(path, 'utf8'), render: path.endsWith('.hbs') }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

export function readModuleTemplates(templatesDir: string, moduleId: string): RawModuleTemplates {
  const root = join(templatesDir, moduleId);
  const readme = ifExists<string | undefined>(() => readFileSync(join(root, 'readme.md.hbs'), 'utf8'), undefined);
  const perUnit = Object.fromEntries(PER_UNIT_KEYS.map((key) => [key, readTree(join(root, PER_UNIT_FOLDERS[key]))])) as Record<PerUnitKey, RawTemplateFile[]>;
  return { files: readTree(join(root, 'files')), ...perUnit, readme };
}

export function readVersions(templatesDir: string): Record<string, string> {
  return JSON.parse(readFileSync(join(templatesDir, 'versions.json'), 'utf8')) as Record<string, string>;
}
