// Three-way merge of package.json by key: what the generator changed between its old and new output
// is applied to the user's file, unless the user changed that same key. Returns undefined on conflict.

type Json = Record<string, unknown>;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const sortedMaps = new Set(['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies', 'allowScripts']);

function mergeObjects(old: Json, next: Json, user: Json, depth: number): Json | undefined {
  const result: Json = { ...user };
  for (const key of new Set([...Object.keys(old), ...Object.keys(next)])) {
    const [o, n, u] = [old[key], next[key], user[key]];
    if (same(o, n) || same(n, u)) continue; // generator did not change it, or the user already has it
    if (same(o, u)) {
      if (n === undefined) delete result[key];
      else result[key] = n;
      continue;
    }
    if (depth === 0 && isObject(o ?? {}) && isObject(n ?? {}) && isObject(u ?? {})) {
      const merged = mergeObjects((o ?? {}) as Json, (n ?? {}) as Json, (u ?? {}) as Json, 1);
      if (!merged) return undefined;
      result[key] = sortedMaps.has(key) ? Object.fromEntries(Object.entries(merged).sort(([a], [b]) => a.localeCompare(b))) : merged;
      continue;
    }
    return undefined;
  }
  return result;
}

export function mergePackageJson(oldGenerated: string, newGenerated: string, user: string): string | undefined {
  let parsedUser: unknown;
  try {
    parsedUser = JSON.parse(user);
  } catch {
    return undefined;
  }
  if (!isObject(parsedUser)) return undefined;
  const merged = mergeObjects(JSON.parse(oldGenerated) as Json, JSON.parse(newGenerated) as Json, parsedUser, 0);
  return merged && `${JSON.stringify(merged, null, 2)}\n`;
}
