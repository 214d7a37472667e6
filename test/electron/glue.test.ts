// Loads the real main-process entry (src/main/index.ts) against a fake `electron` and checks its
// wiring: secure window, single instance, no navigation away, no new windows.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FakeBrowserWindow, NavigationEvent } from './fake-electron.ts';

// Never the real package (it would try to download Electron): every load goes through startMain.
vi.mock('electron', () => {
  throw new Error('electron is faked per test: load the main entry through startMain()');
});

const repo = path.resolve(import.meta.dirname, '../..');
const builtIndexHtml = path.join(repo, 'src', 'renderer', 'index.html');

type Fake = typeof import('./fake-electron.ts');

/**
 * Loads a fresh copy of the main entry (it does its work at the top level) against a fresh fake
 * `electron`; vi.doMock re-registers the mock so the entry gets this very instance.
 */
async function startMain(opts: { hasLock?: boolean } = {}): Promise<Fake> {
  vi.resetModules();
  const fake = await import('./fake-electron.ts');
  vi.doMock('electron', () => fake);
  fake.state.hasLock = opts.hasLock ?? true;
  await import('../../src/main/index.ts');
  await new Promise((resolve) => setImmediate(resolve)); // let whenReady().then(...) run
  return fake;
}

function onlyWindow(fake: Fake): FakeBrowserWindow {
  expect(fake.state.windows).toHaveLength(1);
  return fake.state.windows[0]!;
}

function navigate(win: FakeBrowserWindow, url: string): NavigationEvent {
  const event = { url, preventDefault: vi.fn() };
  win.webContents.emit('will-navigate', event, url);
  return event;
}

beforeEach(() => {
  vi.stubEnv('ELECTRON_RENDERER_URL', undefined);
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('main process glue (src/main/index.ts)', () => {
  it('names the app BackTestr and keeps userData under that name', async () => {
    const { app } = await startMain();
    expect(app.setName).toHaveBeenCalledWith('BackTestr');
    expect(app.setPath).toHaveBeenCalledWith(
      'userData',
      path.join('/home/trader/.config', 'BackTestr'),
    );
  });

  it('opens one window with secure webPreferences and the CommonJS preload', async () => {
    const fake = await startMain();
    const win = onlyWindow(fake);
    const prefs = win.options['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    const preload = prefs['preload'] as string;
    expect(path.isAbsolute(preload)).toBe(true);
    expect(preload.split(path.sep).slice(-2)).toEqual(['preload', 'index.cjs']);
    expect(prefs['additionalArguments']).toEqual(['--backtestr-app-version=1.2.3']);
    expect(win.options['show']).toBe(false);
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalledOnce();
  });

  it('loads the built index.html without a dev server', async () => {
    const win = onlyWindow(await startMain());
    expect(win.loadURL).not.toHaveBeenCalled();
    expect(win.loadFile).toHaveBeenCalledWith(builtIndexHtml);
  });

  it('loads the dev server from ELECTRON_RENDERER_URL in dev', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173/');
    const win = onlyWindow(await startMain());
    expect(win.loadURL).toHaveBeenCalledWith('http://localhost:5173/');
    expect(win.loadFile).not.toHaveBeenCalled();
  });

  it('requests the single-instance lock and focuses the window on a second launch', async () => {
    const fake = await startMain();
    expect(fake.app.requestSingleInstanceLock).toHaveBeenCalledOnce();
    const win = onlyWindow(fake);
    win.minimized = true;
    fake.app.emit('second-instance', {}, ['backtestr'], '/tmp');
    expect(win.restore).toHaveBeenCalledOnce();
    expect(win.focus).toHaveBeenCalledOnce();
  });

  it('quits without a window when another instance holds the lock', async () => {
    const fake = await startMain({ hasLock: false });
    expect(fake.app.quit).toHaveBeenCalled();
    expect(fake.state.windows).toHaveLength(0);
    expect(fake.app.listenerCount('second-instance')).toBe(0);
  });

  it('blocks navigation away from the built app', async () => {
    const win = onlyWindow(await startMain());
    const appUrl = pathToFileURL(builtIndexHtml).href;
    for (const url of [
      'https://example.com/',
      'http://localhost:5173/',
      pathToFileURL('/etc/passwd').href,
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(navigate(win, url).preventDefault, url).toHaveBeenCalled();
    }
    expect(navigate(win, `${appUrl}#/runs`).preventDefault).not.toHaveBeenCalled();
  });

  it('allows navigation only within the dev server origin in dev', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173/');
    const win = onlyWindow(await startMain());
    expect(navigate(win, 'http://localhost:5173/runs').preventDefault).not.toHaveBeenCalled();
    expect(navigate(win, 'http://localhost:5174/').preventDefault).toHaveBeenCalled();
    expect(navigate(win, 'https://example.com/').preventDefault).toHaveBeenCalled();
  });

  it('denies window.open', async () => {
    const win = onlyWindow(await startMain());
    const handler = win.webContents.windowOpenHandler;
    expect(handler).toBeDefined();
    expect(handler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('refuses browser permissions except clipboard writes', async () => {
    const fake = await startMain();
    const handler = fake.state.permissionRequestHandler!;
    const answer = (permission: string): boolean => {
      let granted: boolean | undefined;
      handler({}, permission, (g) => (granted = g));
      return granted!;
    };
    expect(answer('media')).toBe(false);
    expect(answer('notifications')).toBe(false);
    expect(answer('geolocation')).toBe(false);
    expect(answer('clipboard-sanitized-write')).toBe(true);
  });

  it('quits when the last window closes, except on macOS', async () => {
    const fake = await startMain();
    fake.app.emit('window-all-closed');
    expect(fake.app.quit).toHaveBeenCalledTimes(process.platform === 'darwin' ? 0 : 1);
  });
});
