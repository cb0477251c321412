// Stack -> the ordered list of modules to compose: base, the chosen options, and what they require.
import { categories } from '../catalog/catalog.js';
import { findManifest, findOption } from '../catalog/lookup.js';
import type { ModuleManifest, Stack } from '../catalog/types.js';

export interface Resolution {
  modules: ModuleManifest[];
  /** Modules nobody chose that were brought in by `requires`, with who asked for them. */
  implied: { id: string; title: string; by: string[] }[];
}

/** Expects a validated stack. Requirements come before the modules that need them. */
export function resolveModules(stack: Stack): Resolution {
  const chosen = ['base', ...categories.flatMap((category) => (stack[category.id] ?? []).map((id) => findOption(category, id)!.manifest.id))];
  const ordered: ModuleManifest[] = [];
  const requiredBy = new Map<string, string[]>();
  const visiting = new Set<string>();

  const visit = (id: string, by?: string) => {
    if (by) requiredBy.set(id, [...(requiredBy.get(id) ?? []), by]);
    if (ordered.some((manifest) => manifest.id === id)) return;
    if (visiting.has(id)) throw new Error(`Module requirement cycle through ${id}`);
    const manifest = findManifest(id);
    if (!manifest) throw new Error(`Module ${by ?? 'catalog'} requires unknown module ${id}`);
    visiting.add(id);
    for (const required of manifest.requires ?? []) visit(required, id);
    visiting.delete(id);
    ordered.push(manifest);
  };
  for (const id of chosen) visit(id);

  const implied = ordered
    .filter((manifest) => !chosen.includes(manifest.id))
    .map((manifest) => ({ id: manifest.id, title: manifest.title, by: requiredBy.get(manifest.id) ?? [] }));
  return { modules: ordered, implied };
}
