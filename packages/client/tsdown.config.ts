import { defineConfig } from 'tsdown';

/**
 * ESM JavaScript plus one self-contained `.d.ts`. The router's types come from @finsight/api and
 * @finsight/core (dev dependencies, read from their sources) and are inlined, so a project that installs
 * the client needs nothing of the server: its only dependencies are @trpc/client and @trpc/server.
 */
export default defineConfig({
  entry: ['src/index.ts'],
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  sourcemap: true,
  dts: { tsconfig: 'tsconfig.build.json' },
  // Only finsight's own types are inlined; anything else the server's sources mention is left out.
  deps: { neverBundle: (id) => !id.startsWith('@finsight/') && !id.startsWith('.') && !id.startsWith('/') },
  inputOptions: { resolve: { conditionNames: ['@finsight/source', 'import', 'default'] } },
});
