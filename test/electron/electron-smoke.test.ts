// Launches the built app in real Electron through Playwright and checks the window comes up.
// Needs the Electron binary, which `require('electron')` would try to download: the path is found
// the way node_modules/electron/index.js finds it, without requiring the package.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { _electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../..');

/** The Electron executable if it is installed (ELECTRON_OVERRIDE_DIST_PATH or dist/), else null. */
function electronExecutable(): string | null {
  const pkg = path.join(repo, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : null;
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  const exe = override
    ? path.join(override, name ?? 'electron')
    : name && path.join(pkg, 'dist', name);
  return exe && existsSync(exe) ? exe : null;
}

const executablePath = electronExecutable();
const electronBinaryAvailable = executablePath !== null;
/** Electron has no headless mode: Linux needs an X or Wayland display (xvfb-run in CI). */
const displayAvailable =
  process.platform !== 'linux' || Boolean(process.env['DISPLAY'] || process.env['WAYLAND_DISPLAY']);
/** Why the test cannot run here, or null when it can. */
const SKIP_REASON = !electronBinaryAvailable
  ? 'the Electron binary is not installed (node_modules/electron/dist) and cannot be downloaded on this machine'
  : !displayAvailable
    ? 'no display (DISPLAY / WAYLAND_DISPLAY); run it under xvfb-run'
    : null;

describe('Electron smoke test', () => {
  it("opens the built app's BackTestr window", async (ctx) => {
    if (SKIP_REASON !== null) {
      // The default reporter shows only a count of skipped tests: say why on stderr, where it
      // shows, and as the skip note for reporters that print notes.
      console.warn(`Electron smoke test skipped: ${SKIP_REASON}`);
      ctx.skip(SKIP_REASON);
      return;
    }
    mkdirSync(path.join(repo, '.vitest-tmp'), { recursive: true });
    const tmp = mkdtempSync(path.join(repo, '.vitest-tmp', 'smoke-'));
    const cli = path.join(repo, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
    execFileSync(process.execPath, [cli, 'build', '--outDir', path.join(tmp, 'out')], {
      cwd: repo,
      stdio: 'pipe',
    });
    const app = await _electron.launch({
      executablePath: executablePath!,
      // Chromium refuses to run as root with its sandbox on (CI containers).
      args: [
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        path.join(tmp, 'out', 'main', 'index.js'),
      ],
      env: { ...process.env, BACKTESTR_DATA_DIR: path.join(tmp, 'data') } as Record<string, string>,
    });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      expect(await page.title()).toBe('BackTestr');
      const host = await page.evaluate(() => (globalThis as { api?: { host: string } }).api?.host);
      expect(host).toBe('electron');
    } finally {
      await app.close();
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
