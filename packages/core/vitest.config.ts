import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['./src/testing/global-setup.ts'],
    // PGlite restores a dump per file (~1 s); the concurrency test does thousands of writes.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The JSON report feeds the one-line total that .ci/run prints.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
