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

export function renderPackageJson(projectName: string, modules: readonly ModuleManifest[], versions: Record<string, string>, ownScripts: Record<string, string> = {}): string {
  const names = (pick: (m: ModuleManifest) => string[] | undefined, what: string) => mergeLists(modules, pick, (name) => name, what);
  const pkg = {
    name: projectName,
    version: '0.1.0',
    private: true,
    type: 'module',
    engines: { node: generatedNodeRange },
    scripts: { ...mergeRecords(modules, (m) => m.scripts, 'script'), ...ownScripts },
    dependencies: pinned(names((m) => m.dependencies, 'dependency'), versions, 'dependency'),
    devDependencies: pinned(names((m) => m.devDependencies, 'devDependency'), versions, 'devDependency'),
  };
  const overrides = mergeRecords(modules, (m) => m.overrides, 'override');
  if (Object.keys(overrides).length > 0) {
    Object.assign(pkg, { overrides: Object.fromEntries(Object.entries(overrides).map(([name, nested]) => [name, pinned(nested, versions, 'override')])) });
  }
  return `${JSON.stringify(pkg, null, 2)}\n`;
}
