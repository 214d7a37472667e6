/**
 * Window and security settings for the main window, as plain values.
 *
 * Deliberately free of any `electron` import so tests can check the settings under plain Node
 * (requiring `electron` outside Electron tries to download its binary). The glue in index.ts
 * passes these values to Electron; TypeScript checks there that they fit BrowserWindow's types.
 */
import path from 'node:path';

export const PRODUCT_NAME = 'BackTestr';

/** Background painted before the renderer's first frame; matches the renderer's dark theme. */
export const BACKGROUND_COLOR = '#0f1216';

/**
 * Content-Security-Policy of the built app. The renderer's index.html carries it in a meta tag
 * (the dev server and the web bridge serve that file too), and app-protocol.ts sends it as a
 * header. 'self' is the app's own origin, backtestr://app.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data:; connect-src 'self'";

/**
 * The dev server (`electron-vite dev`) needs two relaxations: React Fast Refresh injects an
 * inline module script, and Vite's HMR client talks over a websocket.
 */
export function devContentSecurityPolicy(devServerUrl: string): string {
  const url = new URL(devServerUrl);
  const ws = `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`;
  return CONTENT_SECURITY_POLICY.replace(
    "script-src 'self'",
    "script-src 'self' 'unsafe-inline'",
  ).replace("connect-src 'self'", `connect-src 'self' ${ws}`);
}

export interface SecureWebPreferences {
  readonly preload: string;
  readonly contextIsolation: true;
  readonly sandbox: true;
  readonly nodeIntegration: false;
  readonly nodeIntegrationInWorker: false;
  readonly nodeIntegrationInSubFrames: false;
  readonly webSecurity: true;
  readonly allowRunningInsecureContent: false;
  readonly webviewTag: false;
}

export interface MainWindowOptions {
  readonly title: string;
  readonly width: number;
  readonly height: number;
  readonly minWidth: number;
  readonly minHeight: number;
  readonly show: boolean;
  readonly backgroundColor: string;
  readonly autoHideMenuBar: boolean;
  readonly webPreferences: SecureWebPreferences;
}

/** The preload is built as CommonJS (a sandboxed preload cannot be an ES module). */
export function preloadPath(mainOutDir: string): string {
  return path.join(mainOutDir, '..', 'preload', 'index.cjs');
}

export function mainWindowOptions(opts: { preload: string }): MainWindowOptions {
  return {
    title: PRODUCT_NAME,
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 500,
    show: false, // shown on 'ready-to-show', so no white flash
    backgroundColor: BACKGROUND_COLOR,
    autoHideMenuBar: true,
    webPreferences: {
      preload: opts.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    },
  };
}

/** The app's own scheme and the built renderer's address on it (served by app-protocol.ts). */
export const APP_SCHEME = 'backtestr';
export const APP_HOST = 'app';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export type RendererTarget =
  | { readonly kind: 'url'; readonly url: string }
  /** The built renderer in `root`, served on the app's own scheme at `url`. */
  | { readonly kind: 'app'; readonly root: string; readonly url: string };

/**
 * Where the renderer comes from: the dev server that `electron-vite dev` announces in
 * ELECTRON_RENDERER_URL, or the built out/renderer served as backtestr://app/. A packaged app
 * ignores the variable.
 */
export function rendererTarget(
  env: Readonly<Record<string, string | undefined>>,
  mainOutDir: string,
  isPackaged: boolean,
): RendererTarget {
  const devUrl = env['ELECTRON_RENDERER_URL'];
  if (!isPackaged && devUrl) return { kind: 'url', url: devUrl };
  return { kind: 'app', root: path.join(mainOutDir, '..', 'renderer'), url: APP_URL };
}

/**
 * May the window navigate from the app to `targetUrl`? Only within the app itself: the same
 * origin as the dev server, or the app's own scheme and host. Everything else, local files
 * included, is refused. (WHATWG URL gives a custom scheme the origin "null", so scheme and host
 * are compared instead.)
 */
export function isAllowedNavigation(targetUrl: string, appUrl: string): boolean {
  let target: URL;
  let app: URL;
  try {
    target = new URL(targetUrl);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (app.protocol === 'http:' || app.protocol === 'https:') return target.origin === app.origin;
  return target.protocol === app.protocol && target.host === app.host && app.host !== '';
}

/** Browser permissions the renderer may have; all others are refused. */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function isPermissionAllowed(permission: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission);
}
