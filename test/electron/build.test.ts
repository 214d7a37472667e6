// The electron-vite build: config shape, plus a real build (under a second) into a temp dir to
// prove the preload comes out as sandbox-compatible CommonJS.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import config from '../../electron.vite.config.ts';

const repo = path.resolve(import.meta.dirname, '../..');

describe('electron.vite.config.ts', () => {
  it('builds the main process from src/main/index.ts with native modules external', () => {
    const build = config.main?.build;
    expect(build?.rolldownOptions?.input).toEqual({
      index: path.join(repo, 'src', 'main', 'index.ts'),
    });
    const externalize = build?.externalizeDeps;
    expect(typeof externalize === 'object' && externalize.include).toEqual(
      expect.arrayContaining(['better-sqlite3', 'zstd-napi']),
    );
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
    out = mkdtempSync(path.join(tmpdir(), 'backtestr-build-'));
    const cli = path.join(repo, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
    execFileSync(process.execPath, [cli, 'build', '--outDir', out, '--logLevel', 'error'], {
      cwd: repo,
      stdio: 'pipe',
    });
  });

  afterAll(() => {
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('emits out/main/index.js, out/preload/index.cjs and out/renderer/index.html', () => {
    for (const f of ['main/index.js', 'preload/index.cjs', 'renderer/index.html']) {
      expect(existsSync(path.join(out, f)), f).toBe(true);
    }
    expect(existsSync(path.join(out, 'preload', 'index.mjs'))).toBe(false);
  });

  it('emits an ES module main process that imports electron at run time', () => {
    const main = readFileSync(path.join(out, 'main', 'index.js'), 'utf8');
    expect(main).toMatch(/^import .* from "electron";$/m);
  });

  it('emits a CommonJS preload that needs nothing but electron (sandbox-safe)', () => {
    const code = readFileSync(path.join(out, 'preload', 'index.cjs'), 'utf8');
    expect(code).not.toMatch(/^\s*(import|export)\s/m);

    // Run it the way a sandboxed preload runs: CommonJS wrapper, `require` limited to electron.
    const exposed: Record<string, unknown> = {};
    const required: string[] = [];
    const fakeElectron = {
      contextBridge: {
        exposeInMainWorld: (key: string, value: unknown) => {
          exposed[key] = value;
        },
      },
    };
    const sandboxRequire = (id: string): unknown => {
      required.push(id);
      if (id !== 'electron') throw new Error(`a sandboxed preload cannot require ${id}`);
      return fakeElectron;
    };
    const module = { exports: {} };
    const fakeProcess = { argv: ['electron', '--backtestr-app-version=9.8.7'], platform: 'linux' };
    const wrapper = vm.runInNewContext(
      `(function (exports, require, module, process) {\n${code}\n})`,
      {},
      { filename: 'index.cjs' },
    ) as (...args: unknown[]) => void;
    wrapper(module.exports, sandboxRequire, module, fakeProcess);

    expect(required).toEqual(['electron']);
    expect(Object.keys(exposed)).toEqual(['api']);
    expect({ ...(exposed['api'] as object) }).toEqual({ version: '9.8.7', platform: 'linux' });
  });

  it('emits a renderer page with the CSP and no inline scripts', () => {
    const html = readFileSync(path.join(out, 'renderer', 'index.html'), 'utf8');
    expect(html).toContain('http-equiv="Content-Security-Policy"');
    expect(html).toContain("script-src 'self';");
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toMatch(/\bsrc="\.\/assets\//);
  });
});
