// Merges one field of many manifests. Two modules may declare the same key only with equal values.
import type { ModuleManifest } from '../catalog/types.js';

export function mergeRecords<T>(
  modules: readonly ModuleManifest[],
  pick: (manifest: ModuleManifest) => Record<string, T> | undefined,
  what: string,
): Record<string, T> {
  const merged: Record<string, T> = {};
  const owner: Record<string, string> = {};
  for (const manifest of modules) {
    for (const [key, value] of Object.entries(pick(manifest) ?? {})) {
      if (key in merged && JSON.stringify(merged[key]) !== JSON.stringify(value)) {
        throw new Error(`Modules ${owner[key]} and ${manifest.id} declare ${what} "${key}" differently`);
      }
      merged[key] = value;
      owner[key] = manifest.id;
    }
  }
  return merged;
}

export function mergeLists<T>(
  modules: readonly ModuleManifest[],
  pick: (manifest: ModuleManifest) => readonly T[] | undefined,
  key: (item: T) => string,
  what: string,
): T[] {
  const asRecord = mergeRecords(modules, (manifest) => Object.fromEntries((pick(manifest) ?? []).map((item) => [key(item), item])), what);
  return Object.values(asRecord);
}
