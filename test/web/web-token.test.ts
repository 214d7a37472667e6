// The web bridge's token survives a restart (same data folder), readable by the owner only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { persistentToken, TOKEN_FILE } from '../../src/main/web/web-token.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'backtestr-token-'));
  dirs.push(d);
  return d;
}

describe('persistentToken', () => {
  it('creates a 0600 token once and returns the same one afterwards', () => {
    const dir = tmp();
    const first = persistentToken(dir);
    expect(first).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(fs.statSync(path.join(dir, TOKEN_FILE)).mode & 0o777).toBe(0o600);
    expect(persistentToken(dir)).toBe(first);
    expect(persistentToken(tmp())).not.toBe(first);
  });

  it('replaces a damaged token file', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, TOKEN_FILE), 'short\n');
    const token = persistentToken(dir);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(fs.readFileSync(path.join(dir, TOKEN_FILE), 'utf8').trim()).toBe(token);
  });
});
