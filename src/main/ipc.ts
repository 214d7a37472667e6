/**
 * Electron IPC glue: one `ipcMain.handle` per contract channel and the pushed events forwarded
 * to the window. Every call is checked in the same order before anything runs: the sender must be
 * the app's own window showing the app's own page, then the arguments must fit the channel's
 * schema. What a channel does is the backend's business, except `data:pickFile` and
 * `runs:pickFolder`: the native dialogs live in this process.
 */
import type {
  BrowserWindow,
  Dialog,
  IpcMain,
  IpcMainInvokeEvent,
  OpenDialogOptions,
  WebFrameMain,
} from 'electron';
import { EVENT_NAMES, eventChannel } from '../shared/api.ts';
import { contract, parseArgs, type BackendApi, type Channel } from '../shared/contract.ts';

export interface IpcOptions {
  /** Is this frame the app's own page (its URL, top level)? */
  isTrustedSender(frame: WebFrameMain): boolean;
  /** The one window that may call in and that receives the events. */
  getWindow(): BrowserWindow | null;
  /** `data:pickFile`: an absolute path, or null when cancelled. */
  pickFile(): Promise<string | null>;
  /** `runs:pickFolder`: a folder for an export, or null when cancelled. */
  pickFolder(): Promise<string | null>;
}

export const CHANNELS = Object.keys(contract) as Channel[];

/** Registers every channel and starts forwarding events; returns the undo, for shutdown and tests. */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  backend: BackendApi,
  opts: IpcOptions,
): () => void {
  const liveWindow = (): BrowserWindow | null => {
    const win = opts.getWindow();
    return win && !win.isDestroyed() && !win.webContents.isDestroyed() ? win : null;
  };
  const isTrusted = (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    return event.sender === liveWindow()?.webContents && !!frame && opts.isTrustedSender(frame);
  };

  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, args: unknown) => {
      if (!isTrusted(event)) throw new Error(`${channel}: refused (not the BackTestr window)`);
      const valid = parseArgs(channel, args);
      if (channel === 'data:pickFile') return opts.pickFile();
      if (channel === 'runs:pickFolder') return opts.pickFolder();
      return backend.invoke(channel, valid);
    });
  }

  const unsubscribes = EVENT_NAMES.map((name) =>
    backend.on(name, (payload) => liveWindow()?.webContents.send(eventChannel(name), payload)),
  );

  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}

/** Tick files come as CSV (some vendors' as .txt); anything else can still be chosen. */
export const TICK_FILE_DIALOG: OpenDialogOptions = {
  title: 'Import ticks',
  properties: ['openFile'],
  filters: [
    { name: 'Tick files (CSV)', extensions: ['csv', 'txt'] },
    { name: 'All files', extensions: ['*'] },
  ],
};

/** A native open dialog (modal to the window when there is one): the first path, null if cancelled. */
function nativePicker(
  dialog: Pick<Dialog, 'showOpenDialog'>,
  getWindow: () => BrowserWindow | null,
  options: OpenDialogOptions,
): () => Promise<string | null> {
  return async () => {
    const win = getWindow();
    const picked = win
      ? await dialog.showOpenDialog(win, options)
      : await dialog.showOpenDialog(options);
    return picked.canceled ? null : (picked.filePaths[0] ?? null);
  };
}

/** The `pickFile` of registerIpc: a tick file. */
export function tickFilePicker(
  dialog: Pick<Dialog, 'showOpenDialog'>,
  getWindow: () => BrowserWindow | null,
): () => Promise<string | null> {
  return nativePicker(dialog, getWindow, TICK_FILE_DIALOG);
}

export const EXPORT_FOLDER_DIALOG: OpenDialogOptions = {
  title: 'Export to folder',
  buttonLabel: 'Export here',
  properties: ['openDirectory', 'createDirectory'],
};

/** `runs:pickFolder`: the folder an export goes to. */
export function exportFolderPicker(
  dialog: Pick<Dialog, 'showOpenDialog'>,
  getWindow: () => BrowserWindow | null,
): () => Promise<string | null> {
  return nativePicker(dialog, getWindow, EXPORT_FOLDER_DIALOG);
}
