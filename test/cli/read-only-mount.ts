/**
 * A data folder and a mount point for it: a test fills `data`, then calls `mountReadOnly()` to see
 * it read-only at `ro` (a bind mount remounted ro — a folder that really cannot be written, as on
 * a read-only share). Needs root; `mounted` is false where bind mounts are not allowed, and the
 * tests skip themselves. Unmounted and removed after the file's tests.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

export function useReadOnlyMount(prefix: string) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const data = path.join(root, 'data');
  const ro = path.join(root, 'ro');
  fs.mkdirSync(ro);
  const mounted = (() => {
    try {
      execFileSync('mount', ['--bind', ro, ro], { stdio: 'ignore' });
      execFileSync('umount', [ro]);
      return true;
    } catch {
      return false;
    }
  })();
  afterAll(() => {
    if (mounted) execFileSync('umount', [ro], { stdio: 'ignore' });
    fs.rmSync(root, { recursive: true, force: true });
  });
  const mountReadOnly = () => {
    execFileSync('mount', ['--bind', data, ro]);
    execFileSync('mount', ['-o', 'remount,bind,ro', ro]);
  };
  return { root, data, ro, mounted, mountReadOnly };
}
