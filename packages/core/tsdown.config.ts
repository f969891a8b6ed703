import { defineConfig } from 'tsdown';

// The JavaScript `node` runs (pnpm start, a deployed folder). Module by module rather than one bundle, so
// paths relative to a module (the migrations folder) are the same in dist/ as in src/.
export default defineConfig({
  entry: ['src/index.ts', 'src/schemas.ts', 'src/tools/langchain.ts', 'src/tools/mcp.ts'],
  unbundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  dts: false,
  sourcemap: true,
  fixedExtension: false,
});
