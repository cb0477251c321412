import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each file gets its own process: OpenTelemetry patches modules process-wide.
    pool: 'forks',
    isolate: true,
    // One fork per core. Vitest's default keeps a core for its own process, which is nearly idle once
    // the files are transformed: on a 2-core CI runner that would run the files one at a time.
    maxWorkers: '100%',
    // Generous: every app a test builds starts its own database (embedded PGlite takes seconds on a busy
    // machine, e.g. CI running several projects' suites at once), and some tests build two.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
