// Loads the real main-process entry (src/main/index.ts) against a fake `electron` and a fake
// worker backend, and checks its wiring: secure window, single instance, no navigation away, no
// new windows, IPC registered, the backend started, paused on suspend and closed on quit.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveDataDir } from '../../src/main/services/data-dir.ts';
import { contract } from '../../src/shared/contract.ts';
import type { FakeBrowserWindow, FakeInvokeEvent, NavigationEvent } from './fake-electron.ts';

// Never the real package (it would try to download Electron): every load goes through startMain.
vi.mock('electron', () => {
  throw new Error('electron is faked per test: load the main entry through startMain()');
});

const repo = path.resolve(import.meta.dirname, '../..');
const builtIndexHtml = path.join(repo, 'src', 'renderer', 'index.html');
const APP_URL = 'backtestr://app/index.html';

const WORKER_BACKEND = '../../src/main/services/host/worker-backend.ts';

/** Stands in for the Backend of services/host/worker-backend.ts. */
function fakeBackend() {
  return {
    invoke: vi.fn(async (channel: string, _args?: unknown): Promise<unknown> => ({ channel })),
    on: vi.fn((_event: string, _listener: (payload: unknown) => void) => () => {}),
    close: vi.fn(() => Promise.resolve()),
    pauseAll: vi.fn(() => Promise.resolve()),
  };
}

type Fake = typeof import('./fake-electron.ts') & {
  backend: ReturnType<typeof fakeBackend>;
  startWorkerBackend: ReturnType<typeof vi.fn>;
};

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Loads a fresh copy of the main entry (it does its work at the top level) against a fresh fake
 * `electron`; vi.doMock re-registers the mock so the entry gets this very instance.
 */
async function startMain(opts: { hasLock?: boolean; backendFails?: Error } = {}): Promise<Fake> {
  vi.resetModules();
  const fake = await import('./fake-electron.ts');
  vi.doMock('electron', () => fake);
  const backend = fakeBackend();
  const startWorkerBackend = vi.fn(async (_opts: unknown) => {
    if (opts.backendFails) throw opts.backendFails;
    return backend;
  });
  vi.doMock(WORKER_BACKEND, () => ({ startWorkerBackend }));
  fake.state.hasLock = opts.hasLock ?? true;
  await import('../../src/main/index.ts');
  await settle(); // let whenReady(), the backend start and the window creation run
  return { ...fake, backend, startWorkerBackend };
}

/** An IPC call as the window's own page (or `override`) makes it. */
function invokeFrom(
  fake: Fake,
  channel: string,
  args?: unknown,
  override: Partial<FakeInvokeEvent> = {},
) {
  const win = onlyWindow(fake);
  const event = { sender: win.webContents, senderFrame: win.webContents.mainFrame, ...override };
  return fake.ipcMain.invoke(channel, event, args);
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
  vi.restoreAllMocks();
});

describe('main process glue (src/main/index.ts)', () => {
  it('names the app BackTestr and keeps userData in the data folder the CLI uses', async () => {
    const { app } = await startMain();
    expect(app.setName).toHaveBeenCalledWith('BackTestr');
    expect(app.setPath).toHaveBeenCalledWith('userData', resolveDataDir());
    expect(path.basename(resolveDataDir({ env: {} }))).toBe('BackTestr');

    vi.stubEnv('BACKTESTR_DATA_DIR', '/srv/backtestr-data');
    const again = await startMain();
    expect(again.app.setPath).toHaveBeenCalledWith('userData', '/srv/backtestr-data');
  });

  it('starts the backend off the main thread, from the built worker beside the main bundle', async () => {
    vi.stubEnv('BACKTESTR_DATA_DIR', '/srv/backtestr-data');
    const fake = await startMain();
    expect(fake.startWorkerBackend).toHaveBeenCalledOnce();
    expect(fake.startWorkerBackend).toHaveBeenCalledWith({
      dataDir: '/srv/backtestr-data',
      host: 'electron',
      workerUrl: new URL('backend-worker.js', pathToFileURL(path.join(repo, 'src/main/'))),
      onConnection: expect.any(Function),
    });
  });

  it("forwards the worker backend's connection reports to the window (host:connection)", async () => {
    const fake = await startMain();
    const [opts] = fake.startWorkerBackend.mock.calls[0] as [
      { onConnection: (e: { state: string; since: number }) => void },
    ];
    opts.onConnection({ state: 'disconnected', since: 5 });
    expect(onlyWindow(fake).webContents.send).toHaveBeenCalledWith('host:connection', {
      state: 'disconnected',
      since: 5,
    });
  });

  it('answers every contract channel for the app page, and only for it', async () => {
    const fake = await startMain();
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(Object.keys(contract).sort());

    await expect(invokeFrom(fake, 'runs:get', { runId: 'r-1' })).resolves.toEqual({
      channel: 'runs:get',
    });
    expect(fake.backend.invoke).toHaveBeenCalledExactlyOnceWith('runs:get', { runId: 'r-1' });

    const evil = { url: 'https://example.com/', parent: null };
    await expect(invokeFrom(fake, 'runs:list', undefined, { senderFrame: evil })).rejects.toThrow(
      /refused/,
    );
    const child = { url: APP_URL, parent: evil };
    await expect(invokeFrom(fake, 'runs:list', undefined, { senderFrame: child })).rejects.toThrow(
      /refused/,
    );
    expect(fake.backend.invoke).toHaveBeenCalledOnce();
  });

  it('answers data:pickFile with the native dialog on the window', async () => {
    const fake = await startMain();
    fake.state.openDialogResult = { canceled: false, filePaths: ['/data/EURUSD.csv'] };
    await expect(invokeFrom(fake, 'data:pickFile')).resolves.toBe('/data/EURUSD.csv');
    expect(fake.dialog.showOpenDialog).toHaveBeenCalledWith(onlyWindow(fake), expect.anything());
    expect(fake.backend.invoke).not.toHaveBeenCalled();
  });

  it('answers runs:pickFolder with the native folder dialog on the window', async () => {
    const fake = await startMain();
    fake.state.openDialogResult = { canceled: false, filePaths: ['/home/me/exports'] };
    await expect(invokeFrom(fake, 'runs:pickFolder')).resolves.toBe('/home/me/exports');
    expect(fake.dialog.showOpenDialog).toHaveBeenCalledWith(
      onlyWindow(fake),
      expect.objectContaining({ properties: ['openDirectory', 'createDirectory'] }),
    );
    fake.state.openDialogResult = { canceled: true, filePaths: [] };
    await expect(invokeFrom(fake, 'runs:pickFolder')).resolves.toBeNull();
    expect(fake.backend.invoke).not.toHaveBeenCalled();
  });

  it('forwards backend events to the window', async () => {
    const fake = await startMain();
    const [, listener] = fake.backend.on.mock.calls.find(([name]) => name === 'run:state')!;
    listener({ runId: 'r-1', status: 'paused' });
    expect(onlyWindow(fake).webContents.send).toHaveBeenCalledWith('event:run:state', {
      runId: 'r-1',
      status: 'paused',
    });
  });

  it('closes the backend (final checkpoint) once when the app quits, then quits', async () => {
    const fake = await startMain();
    fake.app.quit();
    expect(fake.state.quitted).toBe(false); // held until the backend has closed
    await settle();
    expect(fake.backend.close).toHaveBeenCalledOnce();
    expect(fake.app.quit).toHaveBeenCalledTimes(2);
    expect(fake.state.quitted).toBe(true);
    fake.app.quit();
    expect(fake.backend.close).toHaveBeenCalledOnce();
  });

  it('still quits when closing the backend fails', async () => {
    const fake = await startMain();
    fake.backend.close.mockRejectedValueOnce(new Error('disk gone'));
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    fake.app.quit();
    await settle();
    expect(fake.state.quitted).toBe(true);
    expect(error).toHaveBeenCalledWith('BackTestr: closing the backend failed', expect.any(Error));
  });

  it('checkpoints and pauses every run on OS suspend and shutdown', async () => {
    const fake = await startMain();
    fake.powerMonitor.emit('suspend');
    await settle();
    expect(fake.backend.pauseAll).toHaveBeenCalledOnce();
    fake.powerMonitor.emit('shutdown');
    await settle();
    expect(fake.backend.pauseAll).toHaveBeenCalledTimes(2);
    expect(fake.backend.close).not.toHaveBeenCalled();
  });

  it('tells the user and quits when the backend cannot start', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const fake = await startMain({ backendFails: new Error('database is locked') });
    expect(fake.dialog.showErrorBox).toHaveBeenCalledWith(
      'BackTestr could not start',
      'database is locked',
    );
    expect(fake.state.windows).toHaveLength(0);
    expect(fake.ipcMain.handlers.size).toBe(0);
    await settle();
    expect(fake.state.quitted).toBe(true);
    expect(error).toHaveBeenCalled();
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
    expect(prefs).not.toHaveProperty('additionalArguments');
    expect(win.options['show']).toBe(false);
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalledOnce();
  });

  it('loads the built index.html from its own privileged scheme, not file://', async () => {
    const fake = await startMain();
    const win = onlyWindow(fake);
    expect(win.loadFile).not.toHaveBeenCalled();
    expect(win.loadURL).toHaveBeenCalledExactlyOnceWith(APP_URL);
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledExactlyOnceWith([
      { scheme: 'backtestr', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    const serve = fake.state.protocolHandlers.get('backtestr')!;
    const page = await serve(new Request(APP_URL));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(await page.text()).toBe(readFileSync(builtIndexHtml, 'utf8'));
    expect((await serve(new Request('backtestr://app/'))).status).toBe(200);
  });

  it('serves nothing outside the renderer folder, however the path is spelt', async () => {
    const serve = (await startMain()).state.protocolHandlers.get('backtestr')!;
    for (const url of [
      'backtestr://app/../main/index.ts',
      'backtestr://app/%2e%2e/main/index.ts',
      'backtestr://app/%2E%2E%2F%2E%2E%2Fpackage.json',
      'backtestr://app/..%5c..%5cpackage.json',
      'backtestr://app/%00index.html',
      'backtestr://other/index.html',
      'backtestr://app/no-such-file.js',
      'backtestr://app/components',
    ]) {
      expect((await serve(new Request(url))).status, url).toBe(404);
    }
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

  it('quits without a window or a backend when another instance holds the lock', async () => {
    const fake = await startMain({ hasLock: false });
    expect(fake.state.quitted).toBe(true);
    expect(fake.state.windows).toHaveLength(0);
    expect(fake.app.listenerCount('second-instance')).toBe(0);
    expect(fake.startWorkerBackend).not.toHaveBeenCalled();
  });

  it('blocks navigation away from the built app', async () => {
    const win = onlyWindow(await startMain());
    const appUrl = APP_URL;
    for (const url of [
      'https://example.com/',
      'http://localhost:5173/',
      pathToFileURL('/etc/passwd').href,
      pathToFileURL(builtIndexHtml).href,
      'backtestr://other/index.html',
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
    onlyWindow(fake).destroy();
    fake.app.emit('window-all-closed');
    await settle();
    const quits = process.platform !== 'darwin';
    expect(fake.state.quitted).toBe(quits);
    expect(fake.backend.close).toHaveBeenCalledTimes(quits ? 1 : 0);
  });
});
