// How a user runs the generator inside a project: through the project's `groundwork` script, which
// reaches this generator whether or not the project is installed (project/generator-spec.ts).
// `npx groundwork` is never suggested: without an install it runs an unrelated registry package.
import type { PackageManager } from '../install/package-manager.js';

export function groundworkCommand(pm: PackageManager, args: string): string {
  if (pm === 'npm') return `npm run groundwork -- ${args}`;
  if (pm === 'bun') return `bun run groundwork ${args}`;
  return `${pm} groundwork ${args}`;
}
