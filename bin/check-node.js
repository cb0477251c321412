// Plain JavaScript, so that an old Node gets this message instead of a syntax error.
import { existsSync } from 'node:fs';
import module from 'node:module';

// The same floor as the projects we generate (OpenTelemetry 0.30x needs 22.15; Node 20 is end of life).
const FLOOR = [22, 15];

export function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < FLOOR[0] || (major === FLOOR[0] && minor < FLOOR[1])) {
    process.stderr.write(`create-groundwork needs Node ${FLOOR.join('.')} or newer (22 or 24 LTS); this is Node ${process.versions.node}. Nothing was done.\n`);
    process.exit(1);
  }
  // A clone has no dist/ until it is built (a published package always has it).
  if (!existsSync(new URL('../dist/cli.js', import.meta.url))) {
    process.stderr.write('create-groundwork is not built: dist/cli.js is missing. In a clone, run npm install and npm run build first. Nothing was done.\n');
    process.exit(1);
  }
  // Reuse compiled code across runs (a CLI started often gains a good part of its start-up).
  module.enableCompileCache?.();
}
