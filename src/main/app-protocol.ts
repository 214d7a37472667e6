/**
 * The built renderer is served from the app's own scheme, `backtestr://app/…`, not `file://`: a
 * file:// page shares its origin with every local file (and gets Electron's extra file:// powers),
 * so a bug that let it navigate or fetch could read any of the user's files. On the custom scheme
 * the page has an origin of its own, navigation and the IPC sender check compare against it, and
 * only files under out/renderer can be served.
 *
 * Free of any `electron` import, like window-options.ts: index.ts registers the scheme and hands
 * requests to serveAppRequest, and tests call it under plain Node (Request/Response are global).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './window-options.ts';

export { APP_SCHEME, APP_URL } from './window-options.ts';

/**
 * protocol.registerSchemesAsPrivileged: `standard` (relative URLs resolve, the page has a real
 * origin for 'self' in the CSP), `secure` (treated like https), fetch for the page's own assets.
 * No CORS, no service workers, no bypassing the CSP.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true };

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/**
 * The file under `root` that an app URL names, or null: another scheme or host, a path that
 * decodes to a traversal (`%2e%2e`), a backslash or NUL, or anything resolving outside root.
 */
export function appFilePath(url: string, root: string): string | null {
  let u: URL;
  let rel: string;
  try {
    u = new URL(url);
    rel = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  if (rel.includes('\0') || rel.includes('\\')) return null;
  if (rel === '/') rel = '/index.html';
  const base = path.resolve(root);
  const file = path.resolve(base, '.' + rel);
  return file.startsWith(base + path.sep) ? file : null;
}

/** protocol.handle's handler: the file, with its type and the app's CSP, or a bare 404. */
export async function serveAppRequest(request: { url: string }, root: string): Promise<Response> {
  const file = appFilePath(request.url, root);
  if (file !== null) {
    try {
      if ((await stat(file)).isFile()) {
        return new Response(await readFile(file), {
          headers: {
            'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
            'Content-Security-Policy': CONTENT_SECURITY_POLICY,
            'X-Content-Type-Options': 'nosniff',
          },
        });
      }
    } catch {
      // Missing or unreadable: the same 404 as a refused path, revealing nothing.
    }
  }
  return new Response('not found', { status: 404 });
}
