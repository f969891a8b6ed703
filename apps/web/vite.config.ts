import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';
import { precompress } from './vite-precompress';
import { routePages } from './vite-route-pages';
import { serviceWorker } from './vite-service-worker';

// In `pnpm dev` the API runs on :3000 and Vite proxies to it, so the browser sees one origin, as in production.
const api = process.env.FINSIGHT_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react(), serviceWorker(), routePages(), precompress()],
  // Workspace packages are read from their TypeScript sources (see packages/config/tsconfig.base.json).
  resolve: { conditions: ['@finsight/source', ...defaultClientConditions] },
  server: {
    port: 5173,
    proxy: { '/trpc': api, '/api': api, '/healthz': api },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
    // One stylesheet for the whole app (about 8 KB compressed): a page's own styles in a file of their own
    // were one more render-blocking request on a first visit to it, which Lighthouse's slow-4G simulation
    // (HTTP/1.1, 150 ms round trips) timed at ~100 ms of first paint on the dashboard.
    cssCodeSplit: false,
  },
});
