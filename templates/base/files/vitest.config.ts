import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each file gets its own process: OpenTelemetry patches modules process-wide.
    pool: 'forks',
    isolate: true,
    // Generous: every app a test builds starts its own database (embedded PGlite takes seconds on a busy
    // machine, e.g. CI running several projects' suites at once), and some tests build two.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
