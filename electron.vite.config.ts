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
 * Worker threads of the main process, built as entries of their own next to out/main/index.js.
 * Key: the output name (`<key>.js`); value: the source.
 */
export const MAIN_WORKERS = {
  'backend-worker': 'src/main/services/host/backend-worker.ts',
  'checkpoint-writer-worker': 'src/main/services/checkpoints/checkpoint-writer-worker.ts',
  'checkpoint-read-worker': 'src/main/services/checkpoints/checkpoint-read-worker.ts',
  // A child process's entry (process-read.ts), not a thread's: bundled the same way.
  'checkpoint-read-process': 'src/main/services/checkpoints/checkpoint-read-process.ts',
  'run-worker': 'src/main/services/runs/isolation/run-worker.ts',
  'strategy-probe-worker': 'src/main/services/strategies/strategy-probe-worker.ts',
  'heartbeat-worker': 'src/main/services/runs/heartbeat-worker.ts',
  'budget-worker': 'src/main/services/checkpoints/budget/budget-worker.ts',
} as const;

/**
 * Sources start their workers from the .ts file beside them:
 * `new URL('./checkpoint-writer-worker.ts', import.meta.url)`. In the bundle the worker is
 * `<name>.js` in out/main, and every chunk is there too (flat chunkFileNames below), so the
 * relative URL only needs the built extension.
 */
function builtWorkerUrls(): Plugin {
  const workerUrl = new RegExp(
    `new URL\\((['"])\\./(${Object.keys(MAIN_WORKERS).join('|')})\\.ts\\1(?=\\s*,\\s*import\\.meta\\.url\\s*\\))`,
    'g',
  );
  return {
    name: 'backtestr:built-worker-urls',
    apply: 'build',
    transform(code) {
      if (!code.includes('import.meta.url')) return null;
      const out = code.replace(workerUrl, 'new URL($1./$2.js$1');
      return out === code ? null : { code: out, map: null };
    },
  };
}

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
  // Main process: ES modules (package.json "type": "module"): out/main/index.js plus one file per
  // worker thread, with the code they share in flat chunks beside them. Every package in
  // "dependencies" stays external and is required from node_modules at run time.
  main: {
    build: {
      externalizeDeps: { include: NATIVE_DEPS },
      rolldownOptions: {
        input: {
          index: fromRoot('src/main/index.ts'),
          ...Object.fromEntries(Object.entries(MAIN_WORKERS).map(([k, v]) => [k, fromRoot(v)])),
        },
        output: { entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
    plugins: [builtWorkerUrls()],
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
