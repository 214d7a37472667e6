/**
 * Preload: runs sandboxed (CommonJS, no Node built-ins) before the renderer and hands it a small,
 * typed `window.api`. Never expose ipcRenderer itself: every capability gets its own function.
 */
import { contextBridge } from 'electron';
import { APP_VERSION_SWITCH, type BackTestrApi } from '../shared/api.ts';

function appVersion(argv: readonly string[]): string {
  const arg = argv.find((a) => a.startsWith(APP_VERSION_SWITCH));
  return arg ? arg.slice(APP_VERSION_SWITCH.length) : 'unknown';
}

const api: BackTestrApi = Object.freeze({
  version: appVersion(process.argv),
  platform: process.platform,
});

contextBridge.exposeInMainWorld('api', api);
