/**
 * The web bridge: the same `BackendApi` contract the Electron preload offers, over HTTP on
 * 127.0.0.1, plus the built renderer. For end-to-end tests in a real browser and for watching a
 * headless engine from a browser. node:http only.
 *
 *   GET  /, static files       the built renderer; index.html carries the per-start token
 *   POST /api/invoke           {channel, args} -> {ok: true, result} | {ok: false, error}
 *   GET  /api/events?token=    Server-Sent Events: every backend event
 *   POST /api/upload?name=     streams a file to the server's upload folder -> {upload, name}
 *   GET  /api/export/run/ID.zip, /api/export/sweep/ID.zip   the export as a zip download
 *                              (export-download.ts; token in the header, like /api/invoke)
 *
 * Uploads (upload-store.ts): through the bridge `data:import` takes only an upload id, never a
 * server path; the uploaded file is deleted when its import ends, errors name the user's file,
 * and folders left by crashed servers are swept at start.
 *
 * Security: binds 127.0.0.1 only; every request must name this server in its Host header
 * (DNS-rebinding defence: a rebound name cannot read the page, and thus the token); the API needs
 * the token (header, or query for EventSource, which cannot set headers), compared in constant
 * time, so other web sites cannot drive the backend (they can neither read the token nor send the
 * custom header cross-origin); cross-origin Origin headers are refused. Anyone who can open
 * 127.0.0.1 on this machine can read the page and thus the token: the bridge trusts local users.
 */
import { EVENT_NAMES } from '../../shared/api.ts';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { contract, type BackendApi, type Channel } from '../../shared/contract.ts';
import { CONTENT_SECURITY_POLICY } from '../window-options.ts';
import { EXPORT_ROUTE, ExportRouteError, sendExportZip } from './export-download.ts';
import { importUpload, publicEventPayload } from './upload-import.ts';
import { UploadStore } from './upload-store.ts';

export interface WebServerOptions {
  backend: BackendApi;
  /** The built renderer (out/renderer): index.html plus assets. */
  staticDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default: a random per-start token. */
  token?: string;
  /** Largest accepted upload; default 4 GB. */
  uploadLimitBytes?: number;
  /** Where the upload folder is created (and stale ones swept); default os.tmpdir(). */
  uploadDir?: string;
  /**
   * Interval of the SSE `ping` event; default 1 s. A page that hears nothing for a few seconds
   * shows itself disconnected (a hung or half-open connection never errors), so it is frequent.
   */
  keepAliveMs?: number;
}

export interface WebServer {
  /** http://127.0.0.1:PORT/ */
  url: string;
  port: number;
  token: string;
  /** Stops listening, ends event streams and aborts uploads, removes uploaded files. */
  close(): Promise<void>;
}

export const TOKEN_HEADER = 'x-backtestr-token';
export const TOKEN_META = 'backtestr-token';
export const MAX_INVOKE_BODY = 1024 * 1024;
export const DEFAULT_UPLOAD_LIMIT = 4 * 1024 ** 3;
/** The CSP header adds what a meta tag cannot carry: no framing by other pages. */
export const WEB_CONTENT_SECURITY_POLICY = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;

/** SSE clients that fall this far behind are dropped (EventSource reconnects). */
const SSE_MAX_BUFFERED = 8 * 1024 * 1024;
const SSE_RETRY_MS = 1000;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

class HttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Constant-time comparison (hashing first makes the lengths equal too). */
export function tokensEqual(given: string | undefined | null, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * The last path segment of a browser-supplied file name, made safe as a file name on every
 * platform while staying recognisable (import errors name it).
 */
export function sanitiseFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  let safe = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/^[\s.]+|[\s.]+$/g, '')
    .slice(0, 200);
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(safe)) safe = `_${safe}`;
  return safe || 'upload';
}

export function injectToken(html: string, token: string): string {
  const meta = `<meta name="${TOKEN_META}" content="${escapeAttr(token)}" />`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (!head) return meta + html;
  const at = head.index + head[0].length;
  return `${html.slice(0, at)}\n    ${meta}${html.slice(at)}`;
}

function escapeAttr(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const { backend } = opts;
  const token = opts.token ?? newToken();
  const staticRoot = await fs.realpath(path.resolve(opts.staticDir));
  const uploadLimit = opts.uploadLimitBytes ?? DEFAULT_UPLOAD_LIMIT;
  const uploads = await UploadStore.open(opts.uploadDir ?? os.tmpdir());
  const keepAliveMs = opts.keepAliveMs ?? 1000;

  const streams = new Set<() => void>(); // ends each open SSE stream
  const uploadsInFlight = new Set<http.IncomingMessage>();
  let port = 0;
  let closing = false;

  const server = http.createServer({
    // Uploads of large CSV files may take longer than Node's default 5 minutes to arrive.
    requestTimeout: 0,
  });

  server.on('request', (req, res) => {
    handle(req, res).catch((err: unknown) => {
      const status = err instanceof HttpError || err instanceof ExportRouteError ? err.status : 500;
      const message = err instanceof Error ? err.message : String(err);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      // An unread request body must not be parsed as the next request: close the connection.
      const unread = !req.complete;
      sendJson(res, status, { ok: false, error: message }, unread);
      if (unread) res.on('finish', () => req.destroy());
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    checkHost(req.headers.host);
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const route = url.pathname;
    if (route.startsWith('/api/')) {
      checkOrigin(req.headers.origin);
      if (route === '/api/invoke') {
        allowMethod(req, res, 'POST');
        checkToken(req.headers[TOKEN_HEADER]);
        return invoke(req, res);
      }
      if (route === '/api/events') {
        allowMethod(req, res, 'GET');
        checkToken(url.searchParams.get('token'));
        return events(req, res);
      }
      if (route === '/api/upload') {
        allowMethod(req, res, 'POST');
        checkToken(req.headers[TOKEN_HEADER]);
        return upload(req, res, url.searchParams.get('name'));
      }
      const exportMatch = EXPORT_ROUTE.exec(route);
      if (exportMatch) {
        allowMethod(req, res, 'GET');
        checkToken(req.headers[TOKEN_HEADER]);
        return sendExportZip(backend, exportMatch[1] as 'run' | 'sweep', exportMatch[2]!, res);
      }
      throw new HttpError(404, `no API route ${route}`);
    }
    allowMethod(req, res, 'GET', 'HEAD');
    return serveStatic(req, res, route);
  }

  function checkHost(host: string | undefined): void {
    const h = (host ?? '').toLowerCase();
    if (h !== `127.0.0.1:${port}` && h !== `localhost:${port}`) {
      throw new HttpError(403, `unexpected Host header '${host ?? ''}'`);
    }
  }

  function checkOrigin(origin: string | undefined): void {
    if (origin === undefined) return;
    if (origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
      throw new HttpError(403, `cross-origin request from '${origin}' refused`);
    }
  }

  function checkToken(given: string | string[] | null | undefined): void {
    if (!tokensEqual(typeof given === 'string' ? given : null, token)) {
      throw new HttpError(401, 'missing or wrong token');
    }
  }

  function allowMethod(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    ...methods: string[]
  ): void {
    if (!methods.includes(req.method ?? '')) {
      res.setHeader('allow', methods.join(', '));
      throw new HttpError(405, `method ${req.method} not allowed`);
    }
  }

  async function invoke(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const declared = Number(req.headers['content-length']);
    if (declared > MAX_INVOKE_BODY) throw new HttpError(413, 'request body over 1 MB');
    const chunks: Buffer[] = [];
    let size = 0;
    // destroyOnReturn: false keeps the socket open for the 413 answer.
    for await (const chunk of req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_INVOKE_BODY) throw new HttpError(413, 'request body over 1 MB');
      chunks.push(chunk);
    }
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch (err) {
      throw new HttpError(400, `malformed JSON: ${(err as Error).message}`);
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new HttpError(400, 'expected a JSON object {channel, args}');
    }
    const { channel, args } = body as { channel?: unknown; args?: unknown };
    if (typeof channel !== 'string') throw new HttpError(400, "'channel' must be a string");
    if (!Object.hasOwn(contract, channel)) throw new HttpError(400, `unknown channel '${channel}'`);
    let reply: { ok: true; result: unknown } | { ok: false; error: string };
    try {
      // The backend validates args against the channel's schema before anything runs.
      const result: unknown =
        channel === 'data:import'
          ? await importUpload(backend, uploads, args)
          : await backend.invoke(channel as Channel, args as never);
      reply = { ok: true, result };
    } catch (err) {
      reply = { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
    sendJson(res, 200, reply);
  }

  function events(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (closing) throw new HttpError(503, 'server is closing');
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-accel-buffering': 'no',
    });
    res.write(`retry: ${SSE_RETRY_MS}\n: connected\n\n`);
    const unsubscribes = EVENT_NAMES.map((name) =>
      backend.on(name, (payload) => {
        if (res.writableLength > SSE_MAX_BUFFERED) {
          end(); // a stalled client: drop it rather than buffer without bound
          return;
        }
        const data = JSON.stringify(publicEventPayload(uploads, name, payload));
        res.write(`event: ${name}\ndata: ${data}\n\n`);
      }),
    );
    // An event, not a comment: EventSource hides comments from the page, which needs the beat.
    const keepAlive = setInterval(() => res.write('event: ping\ndata: 0\n\n'), keepAliveMs);
    let ended = false;
    function end(): void {
      if (ended) return;
      ended = true;
      clearInterval(keepAlive);
      for (const off of unsubscribes) off();
      streams.delete(end);
      if (!res.writableEnded) res.end();
    }
    streams.add(end);
    res.on('close', end);
    req.on('close', end);
  }

  async function upload(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    name: string | null,
  ): Promise<void> {
    if (!name) throw new HttpError(400, "missing '?name=' (the original file name)");
    const declared = Number(req.headers['content-length']);
    if (declared > uploadLimit) throw new HttpError(413, uploadTooLarge(uploadLimit));
    const entry = uploads.reserve(sanitiseFileName(name));
    uploadsInFlight.add(req);
    const out = createWriteStream(entry.path, { flags: 'wx', mode: 0o600 });
    let writeError: Error | null = null;
    out.on('error', (err) => (writeError ??= err));
    try {
      let size = 0;
      // Streamed chunk by chunk with backpressure; destroyOnReturn: false keeps the socket open
      // for the 413 answer.
      for await (const chunk of req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > uploadLimit) throw new HttpError(413, uploadTooLarge(uploadLimit));
        if (writeError) throw writeError;
        if (!out.write(chunk)) await waitForDrain(out);
      }
      if (!req.complete) throw new HttpError(400, 'upload aborted');
      out.end();
      await finished(out);
    } catch (err) {
      out.destroy();
      await uploads.discard(entry);
      if (err instanceof HttpError) throw err;
      throw new HttpError(closing ? 503 : 400, `upload failed: ${(err as Error).message}`);
    } finally {
      uploadsInFlight.delete(req);
    }
    uploads.publish(entry);
    sendJson(res, 200, { upload: entry.id, name: entry.name });
  }

  async function serveStatic(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    route: string,
  ): Promise<void> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(route);
    } catch {
      throw new HttpError(400, 'malformed URL');
    }
    if (decoded.includes('\0') || decoded.includes('\\')) throw new HttpError(400, 'bad path');
    const rel = decoded === '/' ? '/index.html' : path.posix.normalize(decoded);
    const full = path.join(staticRoot, rel);
    let real: string;
    try {
      real = await fs.realpath(full);
    } catch {
      if (rel === '/favicon.ico') {
        // Browsers ask for it unprompted; no icon is no error (and no console noise).
        res.writeHead(204, { 'cache-control': 'no-cache' });
        res.end();
        return;
      }
      throw new HttpError(404, 'not found');
    }
    if (!real.startsWith(staticRoot + path.sep)) throw new HttpError(404, 'not found');
    const stat = await fs.stat(real);
    if (!stat.isFile()) throw new HttpError(404, 'not found');
    const ext = path.extname(real).toLowerCase();
    const headers: http.OutgoingHttpHeaders = {
      'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    };
    let data = await fs.readFile(real);
    if (real === path.join(staticRoot, 'index.html')) {
      data = Buffer.from(injectToken(data.toString('utf8'), token));
      headers['cache-control'] = 'no-store'; // carries the per-start token
    } else {
      headers['cache-control'] = 'no-cache';
    }
    if (ext === '.html') headers['content-security-policy'] = WEB_CONTENT_SECURITY_POLICY;
    headers['content-length'] = data.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : data);
  }

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    await uploads.close(); // a server that never listened leaves no upload folder
    throw err;
  }
  port = (server.address() as AddressInfo).port;

  let closed: Promise<void> | null = null;
  async function close(): Promise<void> {
    closing = true;
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const end of [...streams]) end();
    for (const req of uploadsInFlight) req.destroy(new Error('server closing'));
    server.closeIdleConnections();
    // Requests still running (a slow invoke) get a moment to answer, then their sockets go.
    const force = setTimeout(() => server.closeAllConnections(), 2000);
    await stopped;
    clearTimeout(force);
    await uploads.close();
  }

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    token,
    close: () => (closed ??= close()),
  };
}

function waitForDrain(out: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => {
      out.off('drain', onDrain);
      reject(err);
    };
    const onDrain = (): void => {
      out.off('error', onError);
      resolve();
    };
    out.once('drain', onDrain);
    out.once('error', onError);
  });
}

function uploadTooLarge(limit: number): string {
  return `upload larger than the limit of ${limit} bytes`;
}

function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  closeConnection = false,
): void {
  const data = Buffer.from(JSON.stringify(body));
  const headers: http.OutgoingHttpHeaders = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': data.length,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  };
  if (closeConnection) headers.connection = 'close';
  res.writeHead(status, headers);
  res.end(data);
}
