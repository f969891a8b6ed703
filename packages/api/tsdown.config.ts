import { defineConfig } from 'tsdown';

// `node dist/server.js` is what `pnpm start` and a deployed folder run; tsx is for `pnpm dev` only.
export default defineConfig({
  entry: ['src/server.ts'],
  format: 'esm',
  platform: 'node',
  target: 'node20',
  dts: false,
  sourcemap: true,
  fixedExtension: false,
});
