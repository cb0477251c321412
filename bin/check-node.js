// Plain JavaScript, so that an old Node gets this message instead of a syntax error.
import module from 'node:module';

export function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    process.stderr.write(`create-groundwork needs Node 20.19 or newer; this is Node ${process.versions.node}.\n`);
    process.exit(1);
  }
  // Node 22.1+: reuse compiled code across runs (a CLI started often gains a good part of its start-up).
  module.enableCompileCache?.();
}
