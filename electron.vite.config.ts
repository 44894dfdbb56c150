// Builds the desktop app (`npm run build`): main process, preload and renderer into out/main,
// out/preload and out/renderer. The web host serves the same out/renderer.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { PAGE_META_POLICY } from './src/app/content-security';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // Core's dependencies (pdfmake, docx, handlebars, …) load from node_modules at run time.
      externalizeDeps: true,
      // The main process, and the worker threads it makes papers on (src/app/paper-worker.ts).
      lib: { entry: { index: resolve(root, 'src/main/index.ts'), 'paper-worker': resolve(root, 'src/app/paper-worker.ts') } },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload is one CommonJS file that may require only electron: bundle everything.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    // The page's own copy of the policy the hosts send (src/app/content-security.ts).
    plugins: [react(), pagePolicy()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      // The renderer loads on every start and every browser visit: ship it minified.
      minify: true,
      // pdf.js alone is over a megabyte; the app is loaded from disk, never over a network.
      chunkSizeWarningLimit: 2000,
      rolldownOptions: { input: resolve(root, 'src/renderer/index.html') },
    },
  },
});

/** Writes the Content-Security-Policy into the page's <meta> at build time, from its one statement. */
function pagePolicy(): Plugin {
  return {
    name: 'briefwright-page-policy',
    transformIndexHtml: (html) => {
      if (!html.includes('%BRIEFWRIGHT_CSP%')) throw new Error('src/renderer/index.html has lost its %BRIEFWRIGHT_CSP% placeholder');
      return html.replace('%BRIEFWRIGHT_CSP%', PAGE_META_POLICY.replace(/"/g, '&quot;'));
    },
  };
}
