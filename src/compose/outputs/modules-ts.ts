import type { ModuleManifest } from '../../catalog/types.js';

/** The core's default for every port no adapter decorated, then the resource services over them. */
const DEFAULT_PORTS = { name: 'defaultPorts', from: './core/default-ports.js' };
const FEATURES = { name: 'features', from: './features/index.js' };

const isApi = (module: ModuleManifest): boolean => module.id.startsWith('api/');

/**
 * src/modules.ts: one import and one list entry per module, in registration order. fastify-plugin only
 * checks a plugin's dependencies were registered before it, so the order is written here: the adapters
 * (connections, db, cache, auth, queue, transports) in dependency order, the core's default ports, the
 * features, then the APIs.
 */
export function renderModulesTs(modules: readonly ModuleManifest[]): string {
  const lineOf = (m: ModuleManifest) => (m.register ? [m.register] : []);
  const registered = [...modules.filter((m) => !isApi(m)).flatMap(lineOf), DEFAULT_PORTS, FEATURES, ...modules.filter(isApi).flatMap(lineOf)];
  return [
    '// One line per module, in registration order: adapters, the default ports, the features, then the APIs.',
    '// `groundwork add` inserts here; a module you write yourself is registered the same way.',
    "import type { AppModule } from './core/context.js';",
    ...registered.map((r) => `import ${r.name} from '${r.from}';`),
    '',
    'export const modules: AppModule[] = [',
    ...registered.map((r) => `  ${r.name},`),
    '];',
    '',
  ].join('\n');
}
