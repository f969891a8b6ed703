import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In `pnpm dev` the API runs on :3000 and Vite proxies to it, so the browser sees one origin, as in production.
const api = process.env.FINSIGHT_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/trpc': api, '/api': api, '/healthz': api },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
  },
});
