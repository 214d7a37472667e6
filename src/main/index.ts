/**
 * Electron main-process entry: wiring only. Window and security settings live in
 * window-options.ts (electron-free, tested under Node); app logic belongs in src/main/services.
 */
import path from 'node:path';
import { app, BrowserWindow, session } from 'electron';
import {
  PRODUCT_NAME,
  isAllowedNavigation,
  isPermissionAllowed,
  mainWindowOptions,
  preloadPath,
  rendererTarget,
} from './window-options.ts';

// Before 'ready' so userData is ~/.config/BackTestr (Linux), ~/Library/Application Support/
// BackTestr (macOS), %APPDATA%\BackTestr (Windows) whatever package.json's name is.
app.setName(PRODUCT_NAME);
app.setPath('userData', path.join(app.getPath('appData'), PRODUCT_NAME));

let mainWindow: BrowserWindow | null = null;

function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow(
    mainWindowOptions({ preload: preloadPath(import.meta.dirname), appVersion: app.getVersion() }),
  );
  const target = rendererTarget(process.env, import.meta.dirname, app.isPackaged);

  // The window only ever shows the app: no navigation elsewhere, no new windows.
  win.webContents.on('will-navigate', (event) => {
    if (!isAllowedNavigation(event.url, target.url)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));

  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });

  const loading = target.kind === 'url' ? win.loadURL(target.url) : win.loadFile(target.file);
  loading.catch((err: unknown) => console.error('BackTestr: failed to load the window', err));
  return win;
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

if (!app.requestSingleInstanceLock()) {
  // Another BackTestr is running; it gets 'second-instance' and comes to the front.
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow();
  });

  app
    .whenReady()
    .then(() => {
      // Refuse browser permissions (camera, notifications, ...) the app does not use.
      session.defaultSession.setPermissionRequestHandler((_contents, permission, grant) =>
        grant(isPermissionAllowed(permission)),
      );
      mainWindow = createMainWindow();
    })
    .catch((err: unknown) => {
      console.error('BackTestr: failed to start', err);
      app.quit();
    });
}
