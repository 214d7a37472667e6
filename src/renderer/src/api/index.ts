/**
 * The renderer's one door to the backend. In Electron the preload exposes `window.api` (a
 * BackendApi plus `getPathForFile`); in a plain browser the web bridge (./web-api.ts) speaks the
 * same contract over HTTP. Stores and screens import `api` from here, never `window.api`, so a
 * test can swap the backend with `setApi(fake)`.
 */
import type {
  ArgsOf,
  BackendApi,
  Channel,
  EventMap,
  EventName,
  ResultOf,
} from '../../../shared/contract.ts';
import type { ConnectionEvent } from '../../../shared/connection.ts';
import { createWebApi, uploadFile } from './web-api.ts';

/** A backend plus what a host may add: Electron's preload resolves a dropped File to its path. */
export interface HostApi extends BackendApi {
  getPathForFile?(file: File): string | Promise<string>;
  /** The web bridge: an export as a zip to download (./web-api.ts). */
  fetchExport?(kind: 'run' | 'sweep', id: string): Promise<{ name: string; blob: Blob }>;
  host?: string;
  /** Connection changes the host notices (web bridge, Electron); absent = always connected. */
  onConnection?(listener: (event: ConnectionEvent) => void): () => void;
}

let backend: HostApi | null = null;

/** `window.api` when the preload put a BackendApi there (Electron), else null. */
function preloadApi(): HostApi | null {
  const candidate = (window as unknown as { api?: Partial<HostApi> }).api;
  return candidate && typeof candidate.invoke === 'function' && typeof candidate.on === 'function'
    ? (candidate as HostApi)
    : null;
}

/** Chosen on first use, so importing this module has no side effects (tests swap it first). */
function current(): HostApi {
  backend ??= preloadApi() ?? createWebApi();
  return backend;
}

/** Replaces the backend (tests); `null` goes back to choosing window.api or the web bridge. */
export function setApi(next: HostApi | null): void {
  backend = next;
}

export const api: BackendApi = {
  invoke<C extends Channel>(channel: C, args?: ArgsOf<C>): Promise<ResultOf<C>> {
    return current().invoke(channel, args);
  },
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
    return current().on(event, listener);
  },
};

/** Subscribes to the host's connection changes; a host without them never disconnects. */
export function onConnection(listener: (event: ConnectionEvent) => void): () => void {
  const b = current();
  return typeof b.onConnection === 'function' ? b.onConnection(listener) : () => {};
}

/**
 * A path the backend can read for a File the user picked or dropped: its own path on disk in
 * Electron, else the id of an uploaded copy (web bridge), which the server resolves and deletes.
 */
export async function filePathFor(file: File): Promise<string> {
  const b = current();
  if (typeof b.getPathForFile === 'function') {
    const path = await b.getPathForFile(file);
    if (!path) throw new Error(`${file.name} has no path on disk; save it to a folder first`);
    return path;
  }
  return uploadFile(file);
}

/**
 * The backend's message as the user should read it. Electron wraps handler errors as
 * "Error invoking remote method 'data:import': ImportError: ticks.csv:12: bad price"; the
 * wrapper and the class name are noise, the rest (e.g. `file:line: reason`) is kept verbatim.
 */
export function errorText(err: unknown): string {
  let text =
    err instanceof Error
      ? err.message
      : typeof err === 'string'
        ? err
        : (JSON.stringify(err) ?? String(err));
  text = text.replace(/^Error invoking remote method '[^']*': /, '');
  for (let i = 0; i < 2 && /^[A-Z]?\w*Error: /.test(text); i++) {
    text = text.replace(/^[A-Z]?\w*Error: /, '');
  }
  return text || 'unknown error';
}

/** What an export gave: a downloaded zip (browser) or a folder on this machine (Electron). */
export type ExportOutcome =
  { kind: 'download'; name: string } | { kind: 'folder'; dir: string; files: string[] };

/**
 * Exports a run or sweep the way the host can deliver it: in a browser the server zips the files
 * and the page downloads the zip (it never learns the server's paths); in Electron a run goes to
 * the folder the user picks in the native dialog (null: cancelled), a sweep to the data folder's
 * exports, and the UI shows where.
 */
export async function exportFor(kind: 'run' | 'sweep', id: string): Promise<ExportOutcome | null> {
  const b = current();
  if (typeof b.fetchExport === 'function') {
    const { name, blob } = await b.fetchExport(kind, id);
    saveBlob(name, blob);
    return { kind: 'download', name };
  }
  if (kind === 'sweep')
    return { kind: 'folder', ...(await b.invoke('sweeps:export', { sweepId: id })) };
  let dir: string | undefined;
  if (b.host === 'electron') {
    const picked = await b.invoke('runs:pickFolder');
    if (picked === null) return null;
    dir = picked;
  }
  return { kind: 'folder', ...(await b.invoke('runs:export', { runId: id, dir })) };
}

/** Hands a blob to the browser's downloads through a temporary <a download>. */
function saveBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the click; a minute is ample before the URL is let go.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
