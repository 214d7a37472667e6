// The electron-vite build: config shape, plus a real build (about a second) into a temp dir to
// prove the workers come out beside the main bundle and load, and the preload comes out as
// sandbox-compatible CommonJS.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import config, { MAIN_WORKERS } from '../../electron.vite.config.ts';
import { startWorkerBackend } from '../../src/main/services/host/worker-backend.ts';
import { fakeRendererElectron } from './fake-electron-renderer.ts';
import { preloadSuite } from './preload-suite.ts';

const repo = path.resolve(import.meta.dirname, '../..');

describe('electron.vite.config.ts', () => {
  it('builds the main process and its worker threads, with native modules external', () => {
    const build = config.main?.build;
    expect(build?.rolldownOptions?.input).toEqual({
      index: path.join(repo, 'src', 'main', 'index.ts'),
      'backend-worker': path.join(repo, 'src', 'main', 'services', 'host', 'backend-worker.ts'),
      'checkpoint-writer-worker': path.join(
        repo,
        'src',
        'main',
        'services',
        'checkpoints',
        'checkpoint-writer-worker.ts',
      ),
      'checkpoint-read-worker': path.join(
        repo,
        'src',
        'main',
        'services',
        'checkpoints',
        'checkpoint-read-worker.ts',
      ),
      'checkpoint-read-process': path.join(
        repo,
        'src',
        'main',
        'services',
        'checkpoints',
        'checkpoint-read-process.ts',
      ),
      'budget-worker': path.join(
        repo,
        'src',
        'main',
        'services',
        'checkpoints',
        'budget',
        'budget-worker.ts',
      ),
      'run-worker': path.join(
        repo,
        'src',
        'main',
        'services',
        'runs',
        'isolation',
        'run-worker.ts',
      ),
      'strategy-probe-worker': path.join(
        repo,
        'src',
        'main',
        'services',
        'strategies',
        'strategy-probe-worker.ts',
      ),
      'heartbeat-worker': path.join(repo, 'src', 'main', 'services', 'runs', 'heartbeat-worker.ts'),
    });
    // Flat: a worker URL relative to any chunk resolves in out/main.
    expect(build?.rolldownOptions?.output).toEqual({
      entryFileNames: '[name].js',
      chunkFileNames: '[name]-[hash].js',
    });
    const externalize = build?.externalizeDeps;
    expect(typeof externalize === 'object' && externalize.include).toEqual(
      expect.arrayContaining(['better-sqlite3', 'zstd-napi']),
    );
    const names = (config.main?.plugins ?? []).flat().map((p) => (p as { name?: string }).name);
    expect(names).toContain('backtestr:built-worker-urls');
  });

  it('names worker sources that exist', () => {
    for (const src of Object.values(MAIN_WORKERS))
      expect(existsSync(path.join(repo, src)), src).toBe(true);
  });

  it('builds the preload as CommonJS index.cjs with everything bundled', () => {
    const build = config.preload?.build;
    expect(build?.externalizeDeps).toBe(false);
    expect(build?.rolldownOptions?.input).toEqual({
      index: path.join(repo, 'src', 'preload', 'index.ts'),
    });
    expect(build?.rolldownOptions?.output).toMatchObject({
      format: 'cjs',
      entryFileNames: '[name].cjs',
    });
  });

  it('builds the renderer from src/renderer/index.html with React', () => {
    const renderer = config.renderer;
    expect(renderer?.root).toBe(path.join(repo, 'src', 'renderer'));
    expect(renderer?.build?.rolldownOptions?.input).toEqual({
      index: path.join(repo, 'src', 'renderer', 'index.html'),
    });
    const names = (renderer?.plugins ?? []).flat().map((p) => (p as { name?: string }).name);
    expect(names).toContain('vite:react-refresh');
    expect(names).toContain('backtestr:dev-server-csp');
  });
});

describe('electron-vite build output', () => {
  let out = '';

  beforeAll(() => {
    // Inside the repo, so the built workers resolve better-sqlite3/zstd-napi from node_modules.
    mkdirSync(path.join(repo, '.vitest-tmp'), { recursive: true });
    out = mkdtempSync(path.join(repo, '.vitest-tmp', 'build-'));
    const cli = path.join(repo, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
    execFileSync(process.execPath, [cli, 'build', '--outDir', out, '--logLevel', 'error'], {
      cwd: repo,
      stdio: 'pipe',
    });
  });

  afterAll(() => {
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('emits out/main/index.js, the workers, out/preload/index.cjs and out/renderer/index.html', () => {
    for (const f of [
      'main/index.js',
      'main/backend-worker.js',
      'main/checkpoint-writer-worker.js',
      'main/checkpoint-read-worker.js',
      'main/checkpoint-read-process.js',
      'main/run-worker.js',
      'main/strategy-probe-worker.js',
      'main/heartbeat-worker.js',
      'preload/index.cjs',
      'renderer/index.html',
    ]) {
      expect(existsSync(path.join(out, f)), f).toBe(true);
    }
    expect(existsSync(path.join(out, 'preload', 'index.mjs'))).toBe(false);
  });

  it('emits an ES module main process that imports electron at run time', () => {
    const main = readFileSync(path.join(out, 'main', 'index.js'), 'utf8');
    expect(main).toMatch(/^import .* from "electron";$/m);
  });

  it('points every worker URL at a built file beside it', () => {
    const dir = path.join(out, 'main');
    const files = readdirSync(dir, { withFileTypes: true });
    expect(files.filter((f) => !f.isFile()).map((f) => f.name)).toEqual([]); // no chunk folders
    const urls: string[] = [];
    for (const f of files) {
      const code = readFileSync(path.join(dir, f.name), 'utf8');
      expect(code, f.name).not.toMatch(/new URL\(["']\.\/[^"']*\.ts["']/);
      for (const m of code.matchAll(/new URL\(["'](\.\/[^"']+)["'],\s*import\.meta\.url\)/g)) {
        urls.push(m[1]!);
        expect(existsSync(path.join(dir, m[1]!)), `${f.name}: ${m[1]}`).toBe(true);
      }
    }
    expect(urls).toEqual(
      expect.arrayContaining([
        './backend-worker.js',
        './checkpoint-writer-worker.js',
        './checkpoint-read-worker.js',
        './checkpoint-read-process.js',
        './run-worker.js',
        './strategy-probe-worker.js',
        './heartbeat-worker.js',
      ]),
    );
  });

  it('keeps native modules external: the built checkpoint writer worker loads and gets ready', async () => {
    const dir = path.join(out, 'main');
    const code = readdirSync(dir)
      .map((f) => readFileSync(path.join(dir, f), 'utf8'))
      .join('\n');
    for (const native of ['better-sqlite3', 'zstd-napi']) {
      expect(code).toMatch(new RegExp(`^import .*"${native}";$`, 'm'));
    }
    const file = path.join(dir, 'checkpoint-writer-worker.js');
    const worker = new Worker(file);
    try {
      const first = await new Promise((resolve, reject) => {
        worker.once('message', resolve).once('error', reject);
      });
      expect(first).toEqual({ type: 'ready' });
    } finally {
      await worker.terminate();
    }
  });

  it('runs a backtest with checkpoints in the built backend worker', async () => {
    // The source host with the built worker: what Electron's main does with out/main. A written
    // checkpoint proves the worker found checkpoint-writer-worker.js beside it.
    const dataDir = mkdtempSync(path.join(out, 'data-'));
    const backend = await startWorkerBackend({
      dataDir,
      host: 'electron',
      workerUrl: pathToFileURL(path.join(out, 'main', 'backend-worker.js')),
    });
    try {
      expect(await backend.invoke('app:info')).toMatchObject({ host: 'electron', dataDir });
      await backend.invoke('data:generate', {
        symbol: 'EURUSD',
        start: '2024-01-02',
        days: 1,
        seed: 7,
      });
      const ended = new Promise<string>((resolve) =>
        backend.on('run:state', (e) => e.status !== 'running' && resolve(e.status)),
      );
      const { runId } = await backend.invoke('runs:start', {
        symbols: ['EURUSD'],
        checkpoints: { intervalMs: 0, everyTicks: 5_000, keep: 5, level: 1 },
      });
      expect(await ended).toBe('completed');
      const checkpoints = await backend.invoke('checkpoints:list', { runId });
      // Written by the writer worker and read back valid; retention may have deleted some.
      expect(checkpoints.at(-1)).toMatchObject({ trigger: 'end', status: 'valid' });
      expect(checkpoints.filter((c) => !['valid', 'deleted'].includes(c.status))).toEqual([]);
      // Verified in the isolated reader (a child process under plain Node): proves the worker
      // found checkpoint-read-process.js beside it.
      const seq = checkpoints.at(-1)!.seq;
      const verified = await backend.invoke('checkpoints:verify', { runId, seq });
      expect(verified, verified.message).toMatchObject({ ok: true });
    } finally {
      await backend.close();
    }
  });

  it('emits a CommonJS preload that needs nothing but electron (sandbox-safe)', () => {
    const code = readFileSync(path.join(out, 'preload', 'index.cjs'), 'utf8');
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    const { required } = runBuiltPreload(code);
    expect(required).toEqual(['electron']);
  });

  /**
   * Runs the bundle the way a sandboxed preload runs: a CommonJS wrapper in a fresh context,
   * `require` limited to electron (here the fake), no Node globals.
   */
  function runBuiltPreload(code: string) {
    const fake = fakeRendererElectron();
    const required: string[] = [];
    const sandboxRequire = (id: string): unknown => {
      required.push(id);
      if (id !== 'electron') throw new Error(`a sandboxed preload cannot require ${id}`);
      return fake.module;
    };
    const module = { exports: {} };
    const wrapper = vm.runInNewContext(
      `(function (exports, require, module) {\n${code}\n})`,
      {},
      { filename: 'index.cjs' },
    ) as (...args: unknown[]) => void;
    wrapper(module.exports, sandboxRequire, module);
    return { fake, required };
  }

  preloadSuite(
    'built out/preload/index.cjs',
    async () => runBuiltPreload(readFileSync(path.join(out, 'preload', 'index.cjs'), 'utf8')).fake,
  );

  it('emits a renderer page with the CSP and no inline scripts', () => {
    const html = readFileSync(path.join(out, 'renderer', 'index.html'), 'utf8');
    expect(html).toContain('http-equiv="Content-Security-Policy"');
    expect(html).toContain("script-src 'self';");
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toMatch(/\bsrc="\.\/assets\//);
  });
});

describe('electron-builder.yml', () => {
  const yml = readFileSync(path.join(repo, 'electron-builder.yml'), 'utf8');
  /** The items of a top-level list (`key:` then `  - item` lines). */
  const list = (key: string): string[] => {
    const block = new RegExp(`^${key}:\\n((?:  - .*\\n)+)`, 'm').exec(yml)?.[1] ?? '';
    return [...block.matchAll(/^ {2}- '?([^'\n]*)'?$/gm)].map((m) => m[1]!);
  };

  it('packs the whole build output, workers included', () => {
    expect(list('files')).toEqual(['out/**/*']);
  });

  it('keeps the native modules outside the asar', () => {
    expect(list('asarUnpack')).toEqual(
      expect.arrayContaining(['node_modules/better-sqlite3/**', 'node_modules/zstd-napi/**']),
    );
  });

  it('targets AppImage and deb, dmg, nsis', () => {
    expect(yml).toMatch(/^linux:\n {2}target:\n {4}- AppImage\n {4}- deb$/m);
    expect(yml).toMatch(/^mac:\n {2}target: dmg$/m);
    expect(yml).toMatch(/^win:\n {2}target: nsis$/m);
  });
});
