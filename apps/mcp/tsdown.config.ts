import { defineConfig } from 'tsdown';

// `node dist/stdio.js`: what a desktop MCP client is configured to start.
export default defineConfig({
  entry: ['src/stdio.ts'],
  format: 'esm',
  platform: 'node',
  target: 'node20',
  dts: false,
  sourcemap: true,
  fixedExtension: false,
});
