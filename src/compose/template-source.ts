// Loads the templates of the modules a stack uses: the only I/O of composition, done before compose.
// From the published package, the build's precompiled modules (dist/templates/*.js) are imported;
// from source, the template folders are read and precompiled on the fly.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { packageRoot, templatesDir } from '../paths.js';
import { PER_UNIT_KEYS, readModuleTemplates, readVersions, type PerUnitKey } from './template-files.js';

declare const __GW_BUNDLED__: boolean | undefined;

export type TemplateFile =
  | { path: string; render: false; contents: string }
  /** A precompiled handlebars template. */
  | { path: string; render: true; spec: TemplateSpecification };

/** A module's files, its per-resource, per-job and per-route files (paths with tokens such as `__pluralKebab__`), its README section. */
export type PrecompiledModule = { files: TemplateFile[]; readme?: TemplateSpecification } & Record<PerUnitKey, TemplateFile[]>;

/** Module id -> its files, and the same for each per-unit list. */
export type TemplateSource = { files: Map<string, TemplateFile[]> } & Record<PerUnitKey, Map<string, TemplateFile[]>> & {
  /** Module id -> its README section (readme.md.hbs beside the manifest), if any. */
  readme: Map<string, TemplateSpecification>;
  /** Package name -> exact version, for every dependency a generated project may use. */
  versions: Record<string, string>;
};

/** File name of a module's precompiled templates in dist/templates, e.g. `cache__redis.js`. */
export const precompiledFileName = (moduleId: string) => `${moduleId.replaceAll('/', '__')}.js`;

const bundled = typeof __GW_BUNDLED__ !== 'undefined' && __GW_BUNDLED__;

/** Default export of one of the build's modules in dist/templates. */
const importPrecompiled = async <T>(fileName: string): Promise<T> =>
  ((await import(pathToFileURL(join(packageRoot, 'dist', 'templates', fileName)).href)) as { default: T }).default;

async function readSourceModule(moduleId: string): Promise<PrecompiledModule> {
  const { precompileFile, precompileSpec } = await import('./precompile.js');
  const raw = readModuleTemplates(templatesDir, moduleId);
  const perUnit = Object.fromEntries(PER_UNIT_KEYS.map((key) => [key, raw[key].map(precompileFile)])) as Record<PerUnitKey, TemplateFile[]>;
  return { files: raw.files.map(precompileFile), ...perUnit, readme: raw.readme === undefined ? undefined : precompileSpec(raw.readme) };
}

// Read and precompiled once per process: the matrix composes tens of thousands of stacks from them.
const sourceModules = new Map<string, Promise<PrecompiledModule>>();
const sourceModule = (moduleId: string) => sourceModules.get(moduleId) ?? sourceModules.set(moduleId, readSourceModule(moduleId)).get(moduleId)!;

export async function loadTemplateSource(moduleIds: readonly string[]): Promise<TemplateSource> {
  const load = bundled ? (id: string) => importPrecompiled<PrecompiledModule>(precompiledFileName(id)) : sourceModule;
  const modules = await Promise.all(moduleIds.map(async (id) => [id, await load(id)] as const));
  const readme = new Map(modules.flatMap(([id, module]) => (module.readme ? [[id, module.readme] as const] : [])));
  const versions = bundled ? await importPrecompiled<Record<string, string>>('versions.js') : readVersions(templatesDir);
  const byModule = (key: 'files' | PerUnitKey) => new Map(modules.map(([id, module]) => [id, module[key] ?? []]));
  const perUnit = Object.fromEntries(PER_UNIT_KEYS.map((key) => [key, byModule(key)])) as Record<PerUnitKey, Map<string, TemplateFile[]>>;
  return { files: byModule('files'), ...perUnit, readme, versions };
}
