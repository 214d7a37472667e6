// src/main/ipc.ts against the fake ipcMain/BrowserWindow/dialog: every contract channel is
// handled, the sender is checked before anything runs, arguments are validated, events reach the
// window. ipc.ts imports only types from electron, so no mock of the module is needed.
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CHANNELS,
  TICK_FILE_DIALOG,
  registerIpc,
  tickFilePicker,
  type IpcOptions,
} from '../../src/main/ipc.ts';
import { EVENT_NAMES } from '../../src/shared/api.ts';
import { contract, type BackendApi } from '../../src/shared/contract.ts';
import {
  BrowserWindow,
  dialog,
  ipcMain,
  state,
  type FakeBrowserWindow,
  type FakeFrame,
  type FakeInvokeEvent,
} from './fake-electron.ts';

const APP_URL = 'backtestr://app/index.html';

function fakeBackend() {
  const events = new EventEmitter();
  const backend = {
    invoke: vi.fn(async (channel: string, args?: unknown) => ({ from: 'backend', channel, args })),
    on: vi.fn((event: string, listener: (payload: unknown) => void) => {
      events.on(event, listener);
      return () => events.off(event, listener);
    }),
  };
  return { backend, events };
}

let win: FakeBrowserWindow | null;
let backend: ReturnType<typeof fakeBackend>['backend'];
let events: EventEmitter;
let pickFile: ReturnType<typeof vi.fn<() => Promise<string | null>>>;
let pickFolder: ReturnType<typeof vi.fn<() => Promise<string | null>>>;
let dispose: () => void;

/** A call from the app window's own page, or from whatever `override` makes of it. */
function call(channel: string, args?: unknown, override: Partial<FakeInvokeEvent> = {}) {
  const frame: FakeFrame = { url: `${APP_URL}#/runs`, parent: null };
  return ipcMain.invoke(
    channel,
    { sender: win?.webContents, senderFrame: frame, ...override },
    args,
  );
}

beforeEach(() => {
  for (const channel of [...ipcMain.handlers.keys()]) ipcMain.removeHandler(channel);
  ipcMain.handle.mockClear();
  state.windows.length = 0;
  win = new BrowserWindow({});
  ({ backend, events } = fakeBackend());
  pickFile = vi.fn(() => Promise.resolve('/home/trader/EURUSD.csv'));
  pickFolder = vi.fn(() => Promise.resolve('/home/trader/exports'));
  const opts: IpcOptions = {
    // What index.ts passes, with a fixed app URL: the top frame showing the app.
    isTrustedSender: (frame) => frame.parent === null && frame.url.startsWith(APP_URL),
    getWindow: () => win as never,
    pickFile,
    pickFolder,
  };
  dispose = registerIpc(ipcMain as never, backend as BackendApi, opts);
});

describe('registerIpc (src/main/ipc.ts)', () => {
  it('registers one handler per contract channel', () => {
    expect(CHANNELS).toEqual(Object.keys(contract));
    expect([...ipcMain.handlers.keys()].sort()).toEqual(Object.keys(contract).sort());
    expect(ipcMain.handle).toHaveBeenCalledTimes(Object.keys(contract).length);
  });

  it("passes the app page's calls, with validated arguments, to the backend", async () => {
    await expect(call('runs:get', { runId: 'r-1' })).resolves.toEqual({
      from: 'backend',
      channel: 'runs:get',
      args: { runId: 'r-1' },
    });
    await call('runs:list');
    expect(backend.invoke.mock.calls).toEqual([
      ['runs:get', { runId: 'r-1' }],
      ['runs:list', undefined],
    ]);
  });

  const untrusted: [string, () => Partial<FakeInvokeEvent>][] = [
    ['another page', () => ({ senderFrame: { url: 'https://example.com/', parent: null } })],
    ['a local file', () => ({ senderFrame: { url: 'file:///etc/passwd', parent: null } })],
    ['a frame gone (null senderFrame)', () => ({ senderFrame: null })],
    ['another webContents', () => ({ sender: new BrowserWindow({}).webContents })],
    [
      'a subframe of the window',
      () => ({ senderFrame: { url: APP_URL, parent: win!.webContents.mainFrame } }),
    ],
  ];

  it.each(untrusted)('refuses every channel from %s before looking at it', async (_, override) => {
    for (const channel of CHANNELS) {
      // Bad arguments too: the refusal comes first, so an outsider learns nothing of the schema.
      await expect(call(channel, { bad: true }, override()), channel).rejects.toThrow(
        `${channel}: refused (not the BackTestr window)`,
      );
    }
    expect(backend.invoke).not.toHaveBeenCalled();
    expect(pickFile).not.toHaveBeenCalled();
  });

  it('refuses calls once the window is closed', async () => {
    const old = win!;
    old.destroy();
    await expect(call('runs:list', undefined, { sender: old.webContents })).rejects.toThrow(
      /refused/,
    );
    win = null;
    await expect(call('runs:list', undefined, { sender: old.webContents })).rejects.toThrow(
      /refused/,
    );
    expect(backend.invoke).not.toHaveBeenCalled();
  });

  it('rejects arguments that do not fit the schema, with a readable message', async () => {
    await expect(call('runs:get', { runId: 'no spaces' })).rejects.toThrow(
      'runs:get: invalid arguments (runId: not a run id)',
    );
    await expect(call('runs:get')).rejects.toThrow(/runs:get: invalid arguments/);
    await expect(call('app:info', { extra: 1 })).rejects.toThrow(/app:info: invalid arguments/);
    await expect(
      call('data:generate', { symbol: 'EURUSD', start: 'yesterday', days: 0, seed: 1 }),
    ).rejects.toThrow(/start: an ISO date.*days:/);
    expect(backend.invoke).not.toHaveBeenCalled();
  });

  it('answers data:pickFile with the native dialog in main, not the backend', async () => {
    await expect(call('data:pickFile')).resolves.toBe('/home/trader/EURUSD.csv');
    expect(pickFile).toHaveBeenCalledOnce();
    expect(backend.invoke).not.toHaveBeenCalled();
  });

  it('answers runs:pickFolder with the native dialog in main, not the backend', async () => {
    await expect(call('runs:pickFolder')).resolves.toBe('/home/trader/exports');
    expect(pickFolder).toHaveBeenCalledOnce();
    expect(pickFile).not.toHaveBeenCalled();
    expect(backend.invoke).not.toHaveBeenCalled();
  });

  it('lets backend errors through to the caller', async () => {
    backend.invoke.mockRejectedValueOnce(new Error("run 'r-9' not found"));
    await expect(call('runs:get', { runId: 'r-9' })).rejects.toThrow("run 'r-9' not found");
  });

  it('forwards every backend event to the window on its own channel', () => {
    expect(backend.on.mock.calls.map(([name]) => name)).toEqual([...EVENT_NAMES]);
    for (const name of EVENT_NAMES) events.emit(name, { runId: 'r-1', name });
    expect(win!.webContents.send.mock.calls).toEqual(
      EVENT_NAMES.map((name) => [`event:${name}`, { runId: 'r-1', name }]),
    );
  });

  it('drops events while there is no window', () => {
    const old = win!;
    old.destroy();
    expect(() => events.emit('run:state', { runId: 'r-1' })).not.toThrow();
    win = null;
    expect(() => events.emit('run:progress', { runId: 'r-1' })).not.toThrow();
    expect(old.webContents.send).not.toHaveBeenCalled();
  });

  it('undoes everything it registered', () => {
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
    for (const name of EVENT_NAMES) expect(events.listenerCount(name), name).toBe(0);
  });
});

describe('tickFilePicker', () => {
  it('opens the CSV open dialog on the window and returns the chosen file', async () => {
    const w = new BrowserWindow({});
    state.openDialogResult = { canceled: false, filePaths: ['/data/EURUSD_2024.csv'] };
    await expect(tickFilePicker(dialog as never, () => w as never)()).resolves.toBe(
      '/data/EURUSD_2024.csv',
    );
    expect(dialog.showOpenDialog).toHaveBeenLastCalledWith(w, TICK_FILE_DIALOG);
    expect(TICK_FILE_DIALOG.properties).toEqual(['openFile']);
    expect(TICK_FILE_DIALOG.filters?.[0]?.extensions).toContain('csv');
  });

  it('returns null when cancelled, and works without a window', async () => {
    state.openDialogResult = { canceled: true, filePaths: [] };
    await expect(tickFilePicker(dialog as never, () => null)()).resolves.toBeNull();
    expect(dialog.showOpenDialog).toHaveBeenLastCalledWith(TICK_FILE_DIALOG);
  });
});
