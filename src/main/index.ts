/**
 * Electron main-process entry: wiring only. Window and security settings live in
 * window-options.ts, IPC in ipc.ts; the backend (services, SQLite, runs) runs in a worker thread
 * started by services/host/worker-backend.ts, so this thread only serves the window.
 */
import { app, BrowserWindow, dialog, ipcMain, powerMonitor, protocol, session } from 'electron';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, serveAppRequest } from './app-protocol.ts';
import { exportFolderPicker, registerIpc, tickFilePicker } from './ipc.ts';
import { CONNECTION_CHANNEL } from '../shared/connection.ts';
import { resolveDataDir } from './services/data-dir.ts';
import { startWorkerBackend, type Backend } from './services/host/worker-backend.ts';
import {
  PRODUCT_NAME,
  isAllowedNavigation,
  isPermissionAllowed,
  mainWindowOptions,
  preloadPath,
  rendererTarget,
} from './window-options.ts';

// Before 'ready'. userData is the data folder the CLI uses too (BACKTESTR_DATA_DIR, else
// ~/.config/BackTestr, ~/Library/Application Support/BackTestr, %APPDATA%\BackTestr).
app.setName(PRODUCT_NAME);
app.setPath('userData', resolveDataDir());
// Before 'ready' too: the built page is served from backtestr://app/, never file:// (app-protocol.ts).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

/** Built next to out/main/index.js by electron.vite.config.ts. */
const BACKEND_WORKER = new URL('./backend-worker.js', import.meta.url);
const target = rendererTarget(process.env, import.meta.dirname, app.isPackaged);

let mainWindow: BrowserWindow | null = null;
let backend: Promise<Backend> | null = null;
let backendClosed = false;

function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions({ preload: preloadPath(import.meta.dirname) }));

  // The window only ever shows the app: no navigation elsewhere, no new windows.
  win.webContents.on('will-navigate', (event) => {
    if (!isAllowedNavigation(event.url, target.url)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));

  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });

  win
    .loadURL(target.url)
    .catch((err: unknown) => console.error('BackTestr: failed to load the window', err));
  return win;
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

/** Suspend or shutdown: checkpoint and pause every active run while there is time. */
function pauseAll(): void {
  backend?.then((b) => b.pauseAll()).catch((err: unknown) => console.error('BackTestr:', err));
}

async function start(): Promise<void> {
  await app.whenReady();
  // Refuse browser permissions (camera, notifications, ...) the app does not use.
  session.defaultSession.setPermissionRequestHandler((_contents, permission, grant) =>
    grant(isPermissionAllowed(permission)),
  );
  if (target.kind === 'app') {
    const root = target.root;
    protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, root));
  }
  const dataDir = app.getPath('userData');
  backend = startWorkerBackend({
    dataDir,
    host: 'electron',
    workerUrl: BACKEND_WORKER,
    // The window's disconnected banner, and its refresh when the restarted worker is ready.
    onConnection: (event) => {
      const win = mainWindow;
      if (win && !win.isDestroyed()) win.webContents.send(CONNECTION_CHANNEL, event);
    },
  });
  registerIpc(ipcMain, await backend, {
    isTrustedSender: (frame) => frame.parent === null && isAllowedNavigation(frame.url, target.url),
    getWindow: () => mainWindow,
    pickFile: tickFilePicker(dialog, () => mainWindow),
    pickFolder: exportFolderPicker(dialog, () => mainWindow),
  });
  powerMonitor.on('suspend', pauseAll);
  powerMonitor.on('shutdown', pauseAll);
  mainWindow = createMainWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow();
  });
}

if (!app.requestSingleInstanceLock()) {
  // Another BackTestr is running; it gets 'second-instance' and comes to the front.
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // The final checkpoint: hold the quit once until the backend has paused its runs and closed.
  app.on('before-quit', (event) => {
    if (!backend || backendClosed) return;
    event.preventDefault();
    backendClosed = true;
    backend
      .then((b) => b.close())
      .catch((err: unknown) => console.error('BackTestr: closing the backend failed', err))
      .finally(() => app.quit());
  });

  start().catch((err: unknown) => {
    console.error('BackTestr: failed to start', err);
    dialog.showErrorBox(
      'BackTestr could not start',
      err instanceof Error ? err.message : String(err),
    );
    app.quit();
  });
}
