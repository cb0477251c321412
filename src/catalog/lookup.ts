import { categories, internalModules } from './catalog.js';
import type { Category, CatalogOption, ModuleManifest, Stack } from './types.js';

export function findCategory(id: string): Category | undefined {
  return categories.find((category) => category.id === id);
}

export function findOption(category: Category, id: string): CatalogOption | undefined {
  return category.options.find((option) => option.id === id);
}

const manifestsById = new Map<string, ModuleManifest>([
  ...internalModules.map((manifest) => [manifest.id, manifest] as const),
  ...categories.flatMap((category) => category.options.map((option) => [option.manifest.id, option.manifest] as const)),
]);

export function findManifest(id: string): ModuleManifest | undefined {
  return manifestsById.get(id);
}

export function defaultStack(): Stack {
  return Object.fromEntries(categories.map((category) => [category.id, [...category.defaults]]));
}

export function optionIds(category: Category): string[] {
  return category.options.map((option) => option.id);
}
