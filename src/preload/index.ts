/**
 * Preload: runs sandboxed (CommonJS, no Node built-ins) before the renderer and hands it a typed
 * `window.api` (src/shared/api.ts). Never expose ipcRenderer itself: the page gets `invoke` for
 * the contract's channels (main checks the sender and the arguments), `on` for pushed events,
 * and nothing else.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { eventChannel, isEventName, type BackTestrApi } from '../shared/api.ts';
import { CONNECTION_CHANNEL, type ConnectionEvent } from '../shared/connection.ts';
import type { EventMap, EventName } from '../shared/contract.ts';

/**
 * Electron rejects a failed invoke with "Error invoking remote method 'runs:get': Error: …";
 * the UI shows the backend's own message.
 */
function plainMessage(err: unknown): string {
  // Duck-typed: an Error from another realm is no `instanceof Error` here.
  const message =
    typeof (err as Error | null)?.message === 'string' ? (err as Error).message : String(err);
  return message.replace(/^Error invoking remote method '[^']*': (?:[A-Za-z]*Error: )?/, '');
}

const api: BackTestrApi = {
  host: 'electron',

  invoke: (channel, args) =>
    ipcRenderer.invoke(channel, args).catch((err: unknown) => {
      throw new Error(plainMessage(err));
    }),

  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
    if (!isEventName(event)) throw new Error(`unknown event '${String(event)}'`);
    const channel = eventChannel(event);
    const forward = (_e: IpcRendererEvent, payload: EventMap[E]): void => listener(payload);
    ipcRenderer.on(channel, forward);
    // The bridge wraps `listener` anew on every crossing, so the page cannot remove it by
    // identity: it gets this closure instead, which removes exactly the one registration.
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      ipcRenderer.removeListener(channel, forward);
    };
  },

  getPathForFile: (file) => webUtils.getPathForFile(file),

  onConnection(listener) {
    const forward = (_e: IpcRendererEvent, event: ConnectionEvent): void => listener(event);
    ipcRenderer.on(CONNECTION_CHANNEL, forward);
    return () => void ipcRenderer.removeListener(CONNECTION_CHANNEL, forward);
  },
};

contextBridge.exposeInMainWorld('api', api);
