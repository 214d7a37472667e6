/**
 * `window.api` for a browser: the BackendApi contract over HTTP to the web bridge
 * (src/main/web/server.ts, `npm run web`). invoke() is a fetch to /api/invoke; on() listens on
 * one shared EventSource to /api/events, opened with the first listener and closed with the last.
 * The token comes from the `<meta name="backtestr-token">` tag the server puts into index.html.
 *
 * Browser-only code; it avoids naming DOM-only types so that Node (tests) can run it too.
 */
import type {
  ArgsOf,
  BackendApi,
  Channel,
  EventMap,
  EventName,
  ResultOf,
} from '../../../shared/contract.ts';
import type { ConnectionSource } from '../../../shared/connection.ts';
import { createConnectionMonitor, type ConnectionMonitor } from './connection-monitor.ts';

/** The part of EventSource this module uses (the DOM's and Node's fit it). */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (event: { type: string; data?: unknown }) => void): void;
  close(): void;
}
export type EventSourceFactory = new (url: string) => EventSourceLike;

export interface WebApiOptions {
  /** Origin of the server, e.g. 'http://127.0.0.1:5000'; default: the page's own. */
  baseUrl?: string;
  /** Default: the page's `<meta name="backtestr-token">`. */
  token?: string;
  /** Default: the global EventSource. */
  EventSource?: EventSourceFactory;
  /** Default: the global fetch. */
  fetch?: typeof fetch;
  /** Delay before reopening an event stream the server refused or ended for good; default 1 s. */
  reconnectMs?: number;
  /** Silence on the event stream (no event, no server ping) after which the server counts as gone; default 3.5 s. */
  silenceMs?: number;
}

export interface WebApi extends BackendApi, ConnectionSource {
  /** uploadFile() with this API's server and token. */
  uploadFile(file: File): Promise<string>;
  /**
   * A run's or sweep's export as a zip (GET /api/export/…): a browser cannot open the files the
   * server wrote, and must not be shown the server's paths.
   */
  fetchExport(kind: 'run' | 'sweep', id: string): Promise<{ name: string; blob: Blob }>;
}

export const TOKEN_HEADER = 'x-backtestr-token';
const CLOSED = 2; // EventSource.CLOSED
const MAX_RECONNECT_MS = 30_000;

interface MetaDocument {
  querySelector(selector: string): { getAttribute(name: string): string | null } | null;
}

/** The token the server injected into the page, or null outside a served page. */
export function pageToken(): string | null {
  const doc = (globalThis as { document?: MetaDocument }).document;
  return doc?.querySelector('meta[name="backtestr-token"]')?.getAttribute('content') ?? null;
}

interface Connection {
  base: string;
  token: string;
  fetch: typeof fetch;
  /** Told when a request could not reach the server and when one got an answer. */
  monitor?: ConnectionMonitor;
}

function connection(opts: WebApiOptions): Connection {
  const token = opts.token ?? pageToken();
  if (!token) {
    throw new Error(
      'No BackTestr token: this page must be opened from the URL that `npm run web` prints.',
    );
  }
  return {
    base: (opts.baseUrl ?? '').replace(/\/+$/, ''),
    token,
    fetch: opts.fetch ?? ((input, init) => globalThis.fetch(input, init)),
  };
}

async function post(
  conn: Connection,
  what: string,
  url: string,
  body: string | Blob,
  contentType: string,
): Promise<unknown> {
  let res: Response;
  try {
    res = await conn.fetch(url, {
      method: 'POST',
      headers: { 'content-type': contentType, [TOKEN_HEADER]: conn.token },
      body,
    });
  } catch (err) {
    conn.monitor?.lost();
    throw new Error(`${what}: cannot reach the BackTestr server (${(err as Error).message})`);
  }
  conn.monitor?.seen();
  let reply: unknown;
  try {
    reply = await res.json();
  } catch {
    throw new Error(`${what}: the server answered HTTP ${res.status} ${res.statusText}`.trim());
  }
  if (!res.ok) {
    const error = (reply as { error?: unknown } | null)?.error;
    throw new Error(typeof error === 'string' ? error : `${what}: HTTP ${res.status}`);
  }
  return reply;
}

/**
 * Sends a file the user picked or dropped to the server and returns its upload id
 * (`upload:<random>`), for `data:import { file }`: through the bridge only uploads can be
 * imported, each once, and the server deletes the file when that import ends.
 */
export async function uploadFile(file: File, opts: WebApiOptions = {}): Promise<string> {
  return uploadWith(connection(opts), file);
}

async function uploadWith(conn: Connection, file: File): Promise<string> {
  const url = `${conn.base}/api/upload?name=${encodeURIComponent(file.name)}`;
  const reply = await post(conn, `upload of ${file.name}`, url, file, 'application/octet-stream');
  const id = (reply as { upload?: unknown }).upload;
  if (typeof id !== 'string') throw new Error(`upload of ${file.name}: no upload id in the reply`);
  return id;
}

async function fetchExportWith(
  conn: Connection,
  kind: 'run' | 'sweep',
  id: string,
): Promise<{ name: string; blob: Blob }> {
  const what = `export of ${kind} ${id}`;
  const url = `${conn.base}/api/export/${kind}/${encodeURIComponent(id)}.zip`;
  let res: Response;
  try {
    res = await conn.fetch(url, { headers: { [TOKEN_HEADER]: conn.token } });
  } catch (err) {
    throw new Error(`${what}: cannot reach the BackTestr server (${(err as Error).message})`);
  }
  if (!res.ok) {
    const reply = (await res.json().catch(() => null)) as { error?: unknown } | null;
    throw new Error(typeof reply?.error === 'string' ? reply.error : `${what}: HTTP ${res.status}`);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1];
  return { name: name ?? `${id}.zip`, blob: await res.blob() };
}

export function createWebApi(opts: WebApiOptions = {}): WebApi {
  const conn = connection(opts);
  const reconnectMs = opts.reconnectMs ?? 1000;
  const silenceMs = opts.silenceMs ?? 3500;
  const monitor = createConnectionMonitor({
    probe: async () => {
      await post(
        conn,
        'app:info',
        `${conn.base}/api/invoke`,
        '{"channel":"app:info"}',
        'application/json',
      );
    },
  });
  conn.monitor = monitor;
  // Back: a stream that gave up (CLOSED) is reopened now rather than after its backoff.
  monitor.on(({ state }) => {
    if (state !== 'connected') return;
    lastHeard = Date.now(); // the stream gets its own grace period to come back
    if (source || listeners.size === 0) return;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    open();
  });
  let lastHeard = 0;
  let watchdog: ReturnType<typeof setInterval> | null = null;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: EventSourceLike | null = null;
  let attached = new Set<string>();
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let retryDelay = reconnectMs;

  function dispatch(event: { type: string; data?: unknown }): void {
    lastHeard = Date.now();
    const set = listeners.get(event.type);
    if (!set || typeof event.data !== 'string') return;
    let payload: unknown;
    try {
      payload = JSON.parse(event.data);
    } catch (err) {
      console.error(`BackTestr: unreadable '${event.type}' event`, err);
      return;
    }
    for (const listener of [...set]) {
      try {
        listener(payload);
      } catch (err) {
        console.error(`BackTestr: a '${event.type}' listener failed`, err);
      }
    }
  }

  function attach(name: string): void {
    if (!source || attached.has(name)) return;
    attached.add(name);
    const es = source;
    es.addEventListener(name, (event) => {
      if (source === es) dispatch(event); // not a stream already replaced
    });
  }

  function open(): void {
    const Factory = opts.EventSource ?? globalThis.EventSource;
    if (!Factory) throw new Error('This browser has no EventSource: events are not available.');
    const es = new Factory(`${conn.base}/api/events?token=${encodeURIComponent(conn.token)}`);
    source = es;
    attached = new Set();
    lastHeard = Date.now();
    es.addEventListener('open', () => {
      if (source !== es) return;
      retryDelay = reconnectMs;
      lastHeard = Date.now();
      monitor.seen();
    });
    es.addEventListener('ping', () => {
      if (source === es) lastHeard = Date.now();
    });
    watchdog ??= setInterval(() => {
      // A hung server or a half-open connection never errors: its silence does. A stream that
      // believes itself open is replaced (it would wait for that dead connection forever).
      if (!source || Date.now() - lastHeard <= silenceMs) return;
      monitor.lost();
      if (source.readyState === 1) {
        source.close();
        source = null;
        open();
      }
    }, 1000);
    es.addEventListener('error', () => {
      // The stream broke (EventSource retries by itself while CONNECTING): the server is gone
      // until a request or the reopened stream says otherwise.
      if (source === es && es.readyState !== 1) monitor.lost();
      // EventSource retries network errors itself; it gives up (CLOSED) when the server refuses
      // the stream (e.g. a restart in progress). Then open a new one, with all listeners.
      if (source !== es || es.readyState !== CLOSED) return;
      es.close();
      source = null;
      if (listeners.size === 0 || retryTimer) return;
      retryTimer = setTimeout(() => {
        retryTimer = null;
        if (!source && listeners.size > 0) open();
      }, retryDelay);
      retryDelay = Math.min(retryDelay * 2, MAX_RECONNECT_MS);
    });
    for (const name of listeners.keys()) attach(name);
  }

  function shutdownIfUnused(): void {
    if (listeners.size > 0) return;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    if (watchdog) clearInterval(watchdog);
    watchdog = null;
    source?.close();
    source = null;
  }

  return {
    async invoke<C extends Channel>(channel: C, args?: ArgsOf<C>): Promise<ResultOf<C>> {
      const reply = (await post(
        conn,
        channel,
        `${conn.base}/api/invoke`,
        JSON.stringify({ channel, args }),
        'application/json',
      )) as { ok?: unknown; result?: unknown; error?: unknown };
      if (reply.ok === true) return reply.result as ResultOf<C>;
      throw new Error(typeof reply.error === 'string' ? reply.error : `${channel} failed`);
    },

    on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
      // A wrapper per subscription: the same function subscribed twice is called twice.
      const fn = (payload: unknown): void => listener(payload as EventMap[E]);
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(fn);
      if (!source && !retryTimer) open();
      else attach(event);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        set.delete(fn);
        if (set.size === 0) listeners.delete(event);
        shutdownIfUnused();
      };
    },

    uploadFile: (file) => uploadWith(conn, file),
    fetchExport: (kind, id) => fetchExportWith(conn, kind, id),

    onConnection: (listener) => monitor.on(listener),
  };
}
