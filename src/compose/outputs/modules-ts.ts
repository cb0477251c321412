import type { ModuleManifest } from '../../catalog/types.js';

/** src/modules.ts: one import and one list entry per module, in dependency order. */
export function renderModulesTs(modules: readonly ModuleManifest[]): string {
  const registered = modules.flatMap((m) => (m.register ? [m.register] : []));
  return [
    '// One line per module, in dependency order. `groundwork add` appends here;',
    '// a module you write yourself is registered the same way.',
    "import type { AppModule } from './core/context.js';",
    ...registered.map((r) => `import ${r.name} from '${r.from}';`),
    '',
    'export const modules: AppModule[] = [',
    ...registered.map((r) => `  ${r.name},`),
    '];',
    '',
  ].join('\n');
}
