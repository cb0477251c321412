import type { ModuleManifest } from '../../catalog/types.js';
import { mergeLists, mergeRecords } from '../merge.js';

/** Node range of the generated project: OpenTelemetry 0.30x needs 22.15 (see docs/decisions.md). */
export const generatedNodeRange = '>=22.15';

function pinned(names: string[], versions: Record<string, string>, field: string): Record<string, string> {
  const entries = names.sort().map((name) => {
    const version = versions[name];
    if (!version) throw new Error(`templates/versions.json has no version for ${field} "${name}"`);
    return [name, version] as const;
  });
  return Object.fromEntries(entries);
}

const sortedByName = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

export interface ComposerEntries {
  /** Scripts the composer adds (the `groundwork` script). */
  scripts?: Record<string, string>;
  /** devDependencies the composer adds, pinned already (the generator, when it came from a registry). */
  devDependencies?: Record<string, string>;
}

export function renderPackageJson(projectName: string, modules: readonly ModuleManifest[], versions: Record<string, string>, own: ComposerEntries = {}): string {
  const names = (pick: (m: ModuleManifest) => string[] | undefined, what: string) => mergeLists(modules, pick, (name) => name, what);
  const pkg = {
    name: projectName,
    version: '0.1.0',
    private: true,
    type: 'module',
    engines: { node: generatedNodeRange },
    scripts: { ...mergeRecords(modules, (m) => m.scripts, 'script'), ...own.scripts },
    dependencies: pinned(names((m) => m.dependencies, 'dependency'), versions, 'dependency'),
    devDependencies: sortedByName({ ...pinned(names((m) => m.devDependencies, 'devDependency'), versions, 'devDependency'), ...own.devDependencies }),
  };
  const allowScripts = mergeRecords(modules, (m) => m.allowScripts, 'allowScripts entry');
  if (Object.keys(allowScripts).length > 0) Object.assign(pkg, { allowScripts: sortedByName(allowScripts) });
  const overrides = mergeRecords(modules, (m) => m.overrides, 'override');
  if (Object.keys(overrides).length > 0) {
    Object.assign(pkg, { overrides: Object.fromEntries(Object.entries(overrides).map(([name, nested]) => [name, pinned(nested, versions, 'override')])) });
  }
  return `${JSON.stringify(pkg, null, 2)}\n`;
}
