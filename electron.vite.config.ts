import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY, devContentSecurityPolicy } from './src/main/window-options.ts';

const root = path.dirname(fileURLToPath(import.meta.url));
const fromRoot = (p: string): string => path.resolve(root, p);

/** Native modules: never bundled, loaded from node_modules (asar-unpacked when packaged). */
const NATIVE_DEPS = ['better-sqlite3', 'zstd-napi'];

/**
 * index.html carries the production CSP; the dev server needs an inline script (React Fast
 * Refresh preamble) and a websocket (HMR), so serve it a relaxed copy in dev only.
 */
function devServerCsp(): Plugin {
  return {
    name: 'backtestr:dev-server-csp',
    apply: 'serve',
    transformIndexHtml: {
      order: 'pre',
      handler(html, ctx) {
        if (!html.includes(CONTENT_SECURITY_POLICY)) {
          throw new Error('src/renderer/index.html lacks the CSP of src/main/window-options.ts');
        }
        const devUrl = ctx.server?.resolvedUrls?.local[0] ?? 'http://localhost:5173';
        return html.replace(CONTENT_SECURITY_POLICY, devContentSecurityPolicy(devUrl));
      },
    },
  };
}

export default defineConfig({
  // Main process: ES module (package.json "type": "module") at out/main/index.js. Every package in
  // "dependencies" stays external and is required from node_modules at run time.
  main: {
    build: {
      externalizeDeps: { include: NATIVE_DEPS },
      rolldownOptions: {
        input: { index: fromRoot('src/main/index.ts') },
      },
    },
  },
  // Preload: a sandboxed preload must be CommonJS and can require only 'electron', so it is a
  // single self-contained out/preload/index.cjs (electron-vite would emit .mjs under "type":
  // "module").
  preload: {
    build: {
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: fromRoot('src/preload/index.ts') },
        output: {
          format: 'cjs',
          entryFileNames: '[name].cjs',
          chunkFileNames: 'chunks/[name]-[hash].cjs',
        },
      },
    },
  },
  // Renderer: React, bundled; served by Vite in dev, loaded from out/renderer/index.html otherwise.
  renderer: {
    root: fromRoot('src/renderer'),
    build: {
      rolldownOptions: {
        input: { index: fromRoot('src/renderer/index.html') },
      },
    },
    plugins: [react(), devServerCsp()],
  },
});
