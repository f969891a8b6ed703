import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const conditions = ['@finsight/source'];

export default defineConfig({
  // Workspace packages are read from their TypeScript sources (see packages/config/tsconfig.base.json).
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['src/**/*.test.ts'],
    // The same per-run template database as @finsight/core's tests (PGlite, or TEST_DATABASE_URL).
    globalSetup: [fileURLToPath(new URL('../core/src/testing/global-setup.ts', import.meta.url))],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
