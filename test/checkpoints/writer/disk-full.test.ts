import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHasher } from '../../../src/main/services/hash.ts';
import {
  checkpointFileName,
  readBtckFile,
} from '../../../src/main/services/checkpoints/btck/index.ts';
import { CheckpointWriter } from '../../../src/main/services/checkpoints/checkpoint-writer.ts';
import { noiseBytes, snapshotLikePayload } from '../format/fixtures.ts';

/**
 * A real full disk: a 1 MiB tmpfs. Mounting needs root (or CAP_SYS_ADMIN); where that is not
 * permitted the test is skipped and says why, rather than faking ENOSPC.
 */
const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'backtestr-diskfull-'));
/** Probed while collecting (mounted and unmounted at once), so the skip can say why. */
const cannotMount = probeMount(mountPoint);
let mounted = false;
let writer: CheckpointWriter | null = null;

function mountSmallTmpfs(dir: string): void {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'pipe' });
}

function probeMount(dir: string): string | null {
  if (process.platform !== 'linux') return `tmpfs needs Linux, this is ${process.platform}`;
  try {
    mountSmallTmpfs(dir);
    execFileSync('umount', [dir], { stdio: 'pipe' });
    return null;
  } catch (e) {
    const stderr = (e as { stderr?: Buffer }).stderr?.toString().trim();
    return `mount -t tmpfs is not permitted here (${stderr || (e as Error).message})`;
  }
}

beforeAll(async () => {
  await loadHasher();
  if (cannotMount === null) {
    mountSmallTmpfs(mountPoint);
    mounted = true;
  }
});

afterAll(async () => {
  await writer?.close();
  if (mounted) execFileSync('umount', [mountPoint]);
  fs.rmSync(mountPoint, { recursive: true, force: true });
});

/** Fills the filesystem until ENOSPC, then frees `leave` bytes so a write gets partway. */
function fillDisk(file: string, leave: number): void {
  const fd = fs.openSync(file, 'w');
  const chunk = new Uint8Array(16 * 1024).fill(1);
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  } finally {
    fs.closeSync(fd);
  }
  fs.truncateSync(file, Math.max(0, fs.statSync(file).size - leave));
}

describe('checkpoint write on a full disk', () => {
  it.skipIf(cannotMount !== null)(
    cannotMount === null
      ? 'fails with ENOSPC, leaves no partial final file, and earlier checkpoints still verify'
      : `SKIPPED, ${cannotMount}: disk-full behaviour (ENOSPC, no partial file) is untested`,
    async () => {
      writer = await CheckpointWriter.start();
      const dir = path.join(mountPoint, 'run-1');
      fs.mkdirSync(dir);
      const earlierPayload = snapshotLikePayload(100_000);
      const earlierCopy = earlierPayload.slice();
      const job = (seq: number, payload: Uint8Array) => ({
        dir,
        seq,
        ticks: seq * 1000,
        createdAt: seq,
        version: 1,
        payload,
      });
      const first = await writer.write(job(1, earlierPayload));
      expect(first.ok, 'the earlier checkpoint fits').toBe(true);

      const filler = path.join(mountPoint, 'filler');
      fillDisk(filler, 64 * 1024);
      const full = await writer.write(job(2, noiseBytes(400_000)));
      expect(full).toMatchObject({ ok: false, seq: 2, code: 'ENOSPC' });
      expect(fs.readdirSync(dir), 'no partial final file and no temp left').toEqual([
        checkpointFileName(1, 1000),
      ]);
      const back = await readBtckFile(path.join(dir, checkpointFileName(1, 1000)), 1);
      expect(Buffer.from(back.payload).equals(Buffer.from(earlierCopy))).toBe(true);

      fs.rmSync(filler);
      const after = await writer.write(job(2, noiseBytes(400_000)));
      expect(after.ok, 'once space is freed the same checkpoint writes fine').toBe(true);
    },
  );
});
