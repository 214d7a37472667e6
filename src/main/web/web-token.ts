/**
 * The web bridge's token, kept in the data folder (`web-token`, mode 0600) so that a restarted
 * server accepts the pages it served before: they reconnect by themselves instead of failing
 * every request with 401 until reloaded. Whoever can read the data folder can read the runs too,
 * so storing it there gives nobody more than they had.
 */
import fs from 'node:fs';
import path from 'node:path';
import { newToken } from './server.ts';

export const TOKEN_FILE = 'web-token';
const VALID = /^[A-Za-z0-9_-]{32,128}$/;

/** The stored token, or a new one stored now; a damaged file is replaced. */
export function persistentToken(dataDir: string): string {
  const file = path.join(dataDir, TOKEN_FILE);
  try {
    const stored = fs.readFileSync(file, 'utf8').trim();
    if (VALID.test(stored)) return stored;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const token = newToken();
  fs.mkdirSync(dataDir, { recursive: true });
  // Written aside and renamed: a crash mid-write never leaves a half token for the next start.
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${token}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
  return token;
}
