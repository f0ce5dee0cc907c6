/**
 * Builds the studio page (web/index.html and web/src/*.ts, plus the core modules of ../src that the page's worker
 * bundles) into dist/studio. Everything comes from npm and is bundled: no CDN, no external fonts.
 * `cantor studio` runs this build itself when dist/studio is missing or stale (src/studio/build-web.ts).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist/studio', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 8000,
    reportCompressedSize: false,
  },
  worker: { format: 'es' },
});
