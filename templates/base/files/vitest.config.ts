import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each file gets its own process: OpenTelemetry patches modules process-wide.
    pool: 'forks',
    isolate: true,
    testTimeout: 10_000,
  },
});
