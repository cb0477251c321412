// Loads the templates of the modules a stack uses: the only I/O of composition, done before compose.
// From the published package, the build's precompiled modules (dist/templates/*.js) are imported;
// from source, the template folders are read and precompiled on the fly.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { packageRoot, templatesDir } from '../paths.js';
import { readModuleTemplates, readVersions } from './template-files.js';

declare const __GW_BUNDLED__: boolean | undefined;

export type TemplateFile =
  | { path: string; render: false; contents: string }
  /** A precompiled handlebars template. */
  | { path: string; render: true; spec: TemplateSpecification };

export interface PrecompiledModule {
  files: TemplateFile[];
  /** Rendered once per resource (paths with tokens such as `__pluralKebab__`). */
  resourceFiles: TemplateFile[];
  /** The module's README section, if any. */
  readme?: TemplateSpecification;
}

export interface TemplateSource {
  /** Module id -> its files. */
  files: Map<string, TemplateFile[]>;
  /** Module id -> its per-resource files. */
  resourceFiles: Map<string, TemplateFile[]>;
  /** Module id -> its README section (readme.md.hbs beside the manifest), if any. */
  readme: Map<string, TemplateSpecification>;
  /** Package name -> exact version, for every dependency a generated project may use. */
  versions: Record<string, string>;
}

/** File name of a module's precompiled templates in dist/templates, e.g. `cache__redis.js`. */
export const precompiledFileName = (moduleId: string) => `${moduleId.replaceAll('/', '__')}.js`;

const bundled = typeof __GW_BUNDLED__ !== 'undefined' && __GW_BUNDLED__;

/** Default export of one of the build's modules in dist/templates. */
const importPrecompiled = async <T>(fileName: string): Promise<T> =>
  ((await import(pathToFileURL(join(packageRoot, 'dist', 'templates', fileName)).href)) as { default: T }).default;

async function readSourceModule(moduleId: string): Promise<PrecompiledModule> {
  const { precompileFile, precompileSpec } = await import('./precompile.js');
  const raw = readModuleTemplates(templatesDir, moduleId);
  return {
    files: raw.files.map(precompileFile),
    resourceFiles: raw.resourceFiles.map(precompileFile),
    readme: raw.readme === undefined ? undefined : precompileSpec(raw.readme),
  };
}

// Read and precompiled once per process: the matrix composes tens of thousands of stacks from them.
const sourceModules = new Map<string, Promise<PrecompiledModule>>();
const sourceModule = (moduleId: string) => sourceModules.get(moduleId) ?? sourceModules.set(moduleId, readSourceModule(moduleId)).get(moduleId)!;

export async function loadTemplateSource(moduleIds: readonly string[]): Promise<TemplateSource> {
  const load = bundled ? (id: string) => importPrecompiled<PrecompiledModule>(precompiledFileName(id)) : sourceModule;
  const modules = await Promise.all(moduleIds.map(async (id) => [id, await load(id)] as const));
  const readme = new Map(modules.flatMap(([id, module]) => (module.readme ? [[id, module.readme] as const] : [])));
  const versions = bundled ? await importPrecompiled<Record<string, string>>('versions.js') : readVersions(templatesDir);
  return {
    files: new Map(modules.map(([id, module]) => [id, module.files])),
    resourceFiles: new Map(modules.map(([id, module]) => [id, module.resourceFiles])),
    readme,
    versions,
  };
}
