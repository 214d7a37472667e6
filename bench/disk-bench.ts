import fs from 'node:fs';
import path from 'node:path';
import { median, percentile, round3 } from './stats.ts';

/**
 * The disk's floor under checkpoint_write_ms: write a file of `bytes`, fsync it, fsync its
 * folder — the durable steps every checkpoint takes (btck/durable-file.ts) — 20 times in the
 * data folder. No checkpoint write can be faster than this on the machine.
 */
export function benchDiskFloor(dataDir: string, bytes: number): Record<string, number> {
  const dir = fs.mkdtempSync(path.join(dataDir, 'fsync-'));
  const ms: number[] = [];
  try {
    const data = new Uint8Array(bytes).fill(7);
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      const fd = fs.openSync(path.join(dir, `f${i}`), 'w', 0o600);
      fs.writeSync(fd, data);
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      const dfd = fs.openSync(dir, 'r');
      fs.fsyncSync(dfd);
      fs.closeSync(dfd);
      ms.push(performance.now() - t);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return {
    disk_fsync_ms_p50: round3(median(ms)),
    disk_fsync_ms_p99: round3(percentile(ms, 99)),
  };
}
