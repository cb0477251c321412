// Development tools (not published): bundled to .cache/tools so they run on the machine's Node
// without a TypeScript loader. They compose from the template sources, like the tests.
import { defineConfig } from 'rolldown';

export default defineConfig({
  // grpc-load-child runs in a Node 24 process of its own, spawned by the bench (tools/bench/grpc-load.ts).
  input: { matrix: 'tools/matrix/cli.ts', bench: 'tools/bench/main.ts', 'grpc-load-child': 'tools/bench/grpc-load-child.ts' },
  platform: 'node',
  external: [/^[^./]/], // packages stay in node_modules
  output: { dir: '.cache/tools', cleanDir: true, format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
});
