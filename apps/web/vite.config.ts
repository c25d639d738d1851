import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Node's `process`, declared here because the app's tsconfig carries browser types only.
declare const process: { env: Record<string, string | undefined> };

/** Where `/api` goes in `vite dev` and `vite preview` (default: a local `hoi serve`). */
const apiTarget = process.env.HOI_API_URL ?? 'http://localhost:8080';

/**
 * The SPA is served by the Hội server in production; in development Vite proxies `/api` to it.
 * `@hoi/contracts` is a workspace package exporting TypeScript source, which Vite transpiles
 * like our own files (it resolves the contracts' NodeNext-style `.js` imports to `.ts`).
 */
export default defineConfig({
  base: '/',
  plugins: [react()],
  server: { port: 5173, proxy: { '/api': { target: apiTarget } } },
  preview: { port: 4173, proxy: { '/api': { target: apiTarget } } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
});
