import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const conditions = ['@finsight/source'];

export default defineConfig({
  // Workspace packages are read from their TypeScript sources (see packages/config/tsconfig.base.json).
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: [fileURLToPath(new URL('../../packages/core/src/testing/global-setup.ts', import.meta.url))],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
