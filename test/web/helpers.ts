import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '../..');

/**
 * A built-renderer stand-in: the real src/renderer/index.html (with its CSP meta tag) plus
 * assets, and a secret file beside (not inside) the static folder for traversal attempts.
 */
export async function makeSite(): Promise<{ root: string; staticDir: string; secret: string }> {
  const root = await mkdtemp(path.join(tmpdir(), 'backtestr-web-test-'));
  const staticDir = path.join(root, 'renderer');
  await mkdir(path.join(staticDir, 'assets'), { recursive: true });
  const html = await readFile(path.join(repo, 'src/renderer/index.html'), 'utf8');
  await writeFile(path.join(staticDir, 'index.html'), html);
  await writeFile(path.join(staticDir, 'assets', 'index-abc.js'), 'console.log("app");\n');
  await writeFile(path.join(staticDir, 'assets', 'index-abc.css'), 'body { color: red; }\n');
  await writeFile(path.join(staticDir, 'assets', 'blob.bin'), Buffer.from([1, 2, 3]));
  const secret = 'SECRET-' + Math.random().toString(36).slice(2);
  await writeFile(path.join(root, 'secret.txt'), secret);
  return { root, staticDir, secret };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request exactly as given: raw path (no URL normalisation), any Host header. */
export function raw(
  port: number,
  opts: {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    host?: string | null;
  } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.host !== null) headers.host = opts.host ?? `127.0.0.1:${port}`;
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: opts.method ?? 'GET',
        path: opts.path ?? '/',
        headers,
        setHost: false,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

export interface SseFrame {
  event?: string;
  data?: string;
  retry?: string;
  comment?: string;
}

/** Parses a Server-Sent Events stream into frames (per the HTML spec's line format). */
export function parseSse(text: string): SseFrame[] {
  const frames: SseFrame[] = [];
  for (const block of text.split('\n\n')) {
    if (!block) continue;
    const frame: SseFrame = {};
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) frame.comment = line.slice(1).trim();
      else {
        const i = line.indexOf(':');
        const field = line.slice(0, i) as 'event' | 'data' | 'retry';
        const value = line.slice(i + 1).replace(/^ /, '');
        frame[field] = frame[field] === undefined ? value : `${frame[field]}\n${value}`;
      }
    }
    frames.push(frame);
  }
  return frames;
}

/** An open event stream: its status, and the text received so far. */
export function openSse(
  port: number,
  query: string,
): Promise<{ status: number; text: () => string; close: () => void; ended: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port, path: `/api/events${query}`, agent: false },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        const ended = new Promise<void>((r) => res.on('close', () => r()));
        resolve({
          status: res.statusCode ?? 0,
          text: () => text,
          close: () => req.destroy(),
          ended,
        });
      },
    );
    req.on('error', reject);
  });
}
