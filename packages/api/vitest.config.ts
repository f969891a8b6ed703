import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // The same per-run template database as @finsight/core's tests (PGlite, or TEST_DATABASE_URL).
    globalSetup: [fileURLToPath(import.meta.resolve('@finsight/core/testing/global-setup'))],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
