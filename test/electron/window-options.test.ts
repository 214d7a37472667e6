import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
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
    const file = path.join(repo, 'out', 'renderer', 'index.html');
    const built = { kind: 'file', file, url: pathToFileURL(file).href };
    expect(rendererTarget(env, outMain, true)).toEqual(built);
    expect(rendererTarget({}, outMain, false)).toEqual(built);
  });

  it('allows navigation only within the app', () => {
    const fileApp = 'file:///opt/BackTestr/resources/app.asar/out/renderer/index.html';
    expect(isAllowedNavigation(`${fileApp}#/runs`, fileApp)).toBe(true);
    expect(isAllowedNavigation(`${fileApp}?x=1`, fileApp)).toBe(true);
    expect(isAllowedNavigation('file:///etc/passwd', fileApp)).toBe(false);
    expect(isAllowedNavigation('https://example.com/', fileApp)).toBe(false);
    expect(isAllowedNavigation('garbage', fileApp)).toBe(false);

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
