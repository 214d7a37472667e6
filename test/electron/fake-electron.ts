/**
 * A stand-in for the parts of the `electron` module that src/main/index.ts and ipc.ts use, registered with
 * `vi.doMock('electron', () => fake)`. The real package must never load under Node: requiring it
 * tries to download the Electron binary.
 *
 * For a fresh start: vi.resetModules(), import this module again, vi.doMock with that instance,
 * then import the main entry.
 */
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';
import { vi } from 'vitest';

export interface NavigationEvent {
  url: string;
  preventDefault: () => void;
}

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };
type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
) => void;

/** What a handler registered with ipcMain.handle gets as its event. */
export interface FakeInvokeEvent {
  sender: unknown;
  senderFrame: FakeFrame | null;
}
export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}
type InvokeHandler = (event: FakeInvokeEvent, ...args: unknown[]) => unknown;

export const state = {
  hasLock: true,
  windows: [] as FakeBrowserWindow[],
  permissionRequestHandler: undefined as PermissionRequestHandler | undefined,
  /** Set once app.quit() went through without a before-quit listener preventing it. */
  quitted: false,
  /** What the next showOpenDialog returns. */
  openDialogResult: { canceled: true, filePaths: [] as string[] },
  /** Handlers given to protocol.handle, by scheme. */
  protocolHandlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
  /** Set by app.whenReady(): protocol.registerSchemesAsPrivileged must come before. */
  ready: false,
};

class FakeApp extends EventEmitter {
  name = 'backtestr';
  isPackaged = false;
  readonly paths = new Map<string, string>([['appData', '/home/trader/.config']]);

  setName = vi.fn((name: string) => {
    this.name = name;
  });
  getPath = vi.fn((name: string) => {
    const p = this.paths.get(name);
    if (p === undefined) throw new Error(`fake electron: no path ${name}`);
    return p;
  });
  setPath = vi.fn((name: string, p: string) => {
    this.paths.set(name, p);
  });
  getVersion = vi.fn(() => '1.2.3');
  requestSingleInstanceLock = vi.fn(() => state.hasLock);
  /** Like Electron: 'before-quit' first; the app quits unless a listener prevents it. */
  quit = vi.fn(() => {
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) state.quitted = true;
  });
  whenReady = vi.fn(() => {
    state.ready = true;
    return Promise.resolve();
  });
}

class FakeWebContents extends EventEmitter {
  windowOpenHandler: WindowOpenHandler | undefined;
  destroyed = false;
  /** The top frame, at the URL the window loaded. */
  readonly mainFrame: FakeFrame = { url: 'about:blank', parent: null };
  setWindowOpenHandler = vi.fn((handler: WindowOpenHandler) => {
    this.windowOpenHandler = handler;
  });
  send = vi.fn((_channel: string, ..._args: unknown[]) => {
    if (this.destroyed) throw new Error('fake electron: send on a destroyed webContents');
  });
  isDestroyed = vi.fn(() => this.destroyed);
}

export class FakeBrowserWindow extends EventEmitter {
  static getAllWindows = vi.fn(() => state.windows.filter((w) => !w.destroyed));

  readonly webContents = new FakeWebContents();
  destroyed = false;
  minimized = false;

  readonly options: Record<string, unknown>;

  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    state.windows.push(this);
  }

  loadURL = vi.fn((url: string) => {
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  });
  loadFile = vi.fn((file: string) => {
    this.webContents.mainFrame.url = pathToFileURL(file).href;
    return Promise.resolve();
  });
  show = vi.fn();
  focus = vi.fn();
  restore = vi.fn(() => {
    this.minimized = false;
  });
  isMinimized = vi.fn(() => this.minimized);
  isDestroyed = vi.fn(() => this.destroyed);
  /** What closing the window does to the objects main still holds. */
  destroy(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

class FakeIpcMain {
  readonly handlers = new Map<string, InvokeHandler>();
  handle = vi.fn((channel: string, handler: InvokeHandler) => {
    if (this.handlers.has(channel)) throw new Error(`fake electron: second handler for ${channel}`);
    this.handlers.set(channel, handler);
  });
  removeHandler = vi.fn((channel: string) => {
    this.handlers.delete(channel);
  });
  /** What ipcRenderer.invoke(channel, args) from `event`'s frame leads to in main. */
  async invoke(channel: string, event: FakeInvokeEvent, args?: unknown): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, args);
  }
}

export const app = new FakeApp();
export const BrowserWindow = FakeBrowserWindow;
export const ipcMain = new FakeIpcMain();
export const powerMonitor = new EventEmitter();
export const dialog = {
  showOpenDialog: vi.fn((..._args: unknown[]) => Promise.resolve(state.openDialogResult)),
  showErrorBox: vi.fn((_title: string, _content: string) => {}),
};
/** Like Electron: privileged schemes only before 'ready', a handler only after. */
export const protocol = {
  registerSchemesAsPrivileged: vi.fn((_schemes: { scheme: string; privileges: object }[]) => {
    if (state.ready) throw new Error('fake electron: registerSchemesAsPrivileged after ready');
  }),
  handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response> | Response) => {
    if (!state.ready) throw new Error('fake electron: protocol.handle before ready');
    state.protocolHandlers.set(scheme, handler);
  }),
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: vi.fn((handler: PermissionRequestHandler) => {
      state.permissionRequestHandler = handler;
    }),
  },
};

export default { app, BrowserWindow, dialog, ipcMain, powerMonitor, protocol, session };
