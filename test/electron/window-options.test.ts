import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  devContentSecurityPolicy,
  isAllowedNavigation,
  isPermissionAllowed,
  mainWindowOptions,
  preloadPath,
  rendererTarget,
} from '../../src/main/window-options.ts';

const repo = path.resolve(import.meta.dirname, '../..');
const outMain = path.join(repo, 'out', 'main');

describe('window options (src/main/window-options.ts)', () => {
  it('points the preload at out/preload/index.cjs next to out/main', () => {
    expect(preloadPath(outMain)).toBe(path.join(repo, 'out', 'preload', 'index.cjs'));
  });

  it('builds secure webPreferences', () => {
    const { webPreferences } = mainWindowOptions({ preload: '/p/index.cjs' });
    expect(webPreferences).toEqual({
      preload: '/p/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('uses the dev server only when not packaged', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173' };
    expect(rendererTarget(env, outMain, false)).toEqual({
      kind: 'url',
      url: 'http://localhost:5173',
    });
    const root = path.join(repo, 'out', 'renderer');
    const built = { kind: 'app', root, url: 'backtestr://app/index.html' };
    expect(rendererTarget(env, outMain, true)).toEqual(built);
    expect(rendererTarget({}, outMain, false)).toEqual(built);
  });

  it('allows navigation only within the app', () => {
    const app = 'backtestr://app/index.html';
    expect(isAllowedNavigation(`${app}#/runs`, app)).toBe(true);
    expect(isAllowedNavigation(`${app}?x=1`, app)).toBe(true);
    expect(isAllowedNavigation('backtestr://app/other.html', app)).toBe(true);
    expect(isAllowedNavigation('backtestr://evil/index.html', app)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', app)).toBe(false);
    const fileOfApp = 'file:///opt/BackTestr/resources/app.asar/out/renderer/index.html';
    expect(isAllowedNavigation(fileOfApp, app), 'file:// is no longer the app').toBe(false);
    expect(isAllowedNavigation('https://example.com/', app)).toBe(false);
    expect(isAllowedNavigation('garbage', app)).toBe(false);

    const devApp = 'http://localhost:5173/';
    expect(isAllowedNavigation('http://localhost:5173/x?y#z', devApp)).toBe(true);
    expect(isAllowedNavigation('http://localhost:5174/', devApp)).toBe(false);
    expect(isAllowedNavigation('https://localhost:5173/', devApp)).toBe(false);
    expect(isAllowedNavigation('http://127.0.0.1:5173/', devApp)).toBe(false);
  });

  it('grants only the clipboard-write permission', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write')).toBe(true);
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      expect(isPermissionAllowed(p), p).toBe(false);
    }
  });
});

describe('content security policy', () => {
  it('is the one in the renderer index.html meta tag', () => {
    const html = readFileSync(path.join(repo, 'src', 'renderer', 'index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; connect-src 'self'",
    );
  });

  it('is relaxed for the dev server only by an inline script and the HMR websocket', () => {
    expect(devContentSecurityPolicy('http://localhost:5173/')).toBe(
      "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; connect-src 'self' ws://localhost:5173",
    );
  });
});
