/**
 * A stand-in for the parts of the `electron` module that src/main/index.ts uses, registered with
 * `vi.doMock('electron', () => fake)`. The real package must never load under Node: requiring it
 * tries to download the Electron binary.
 *
 * For a fresh start: vi.resetModules(), import this module again, vi.doMock with that instance,
 * then import the main entry.
 */
import { EventEmitter } from 'node:events';
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

export const state = {
  hasLock: true,
  windows: [] as FakeBrowserWindow[],
  permissionRequestHandler: undefined as PermissionRequestHandler | undefined,
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
  quit = vi.fn();
  whenReady = vi.fn(() => Promise.resolve());
}

class FakeWebContents extends EventEmitter {
  windowOpenHandler: WindowOpenHandler | undefined;
  setWindowOpenHandler = vi.fn((handler: WindowOpenHandler) => {
    this.windowOpenHandler = handler;
  });
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

  loadURL = vi.fn(() => Promise.resolve());
  loadFile = vi.fn(() => Promise.resolve());
  show = vi.fn();
  focus = vi.fn();
  restore = vi.fn(() => {
    this.minimized = false;
  });
  isMinimized = vi.fn(() => this.minimized);
}

export const app = new FakeApp();
export const BrowserWindow = FakeBrowserWindow;
export const session = {
  defaultSession: {
    setPermissionRequestHandler: vi.fn((handler: PermissionRequestHandler) => {
      state.permissionRequestHandler = handler;
    }),
  },
};

export default { app, BrowserWindow, session };
