import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadHasher } from '../../../src/main/services/hash.ts';
import {
  checkpointFileName,
  readBtckFile,
} from '../../../src/main/services/checkpoints/btck/index.ts';
import {
  CheckpointWriter,
  TEST_DELAY_ENV,
  type CheckpointJob,
} from '../../../src/main/services/checkpoints/checkpoint-writer.ts';
import { snapshotLikePayload } from '../format/fixtures.ts';
import { useTempDir } from '../../services/temp-dir.ts';

const tempDir = useTempDir();
const CREATED = Date.parse('2025-06-01T12:00:00Z');
const writers: CheckpointWriter[] = [];

beforeAll(async () => {
  await loadHasher();
});

afterEach(async () => {
  delete process.env[TEST_DELAY_ENV];
  await Promise.all(writers.splice(0).map((w) => w.close()));
});

async function startWriter(): Promise<CheckpointWriter> {
  const w = await CheckpointWriter.start();
  writers.push(w);
  return w;
}

function job(dir: string, seq: number, payload: Uint8Array): CheckpointJob {
  return { dir, seq, ticks: seq * 1000, createdAt: CREATED, version: 1, payload };
}

describe('CheckpointWriter', () => {
  it('writes, fsyncs and validates off the engine thread: the main thread keeps ticking', async () => {
    const w = await startWriter();
    const dir = tempDir();
    const payload = snapshotLikePayload(8_000_000);
    const expected = payload.slice();
    let ticksWhileBusy = 0;
    const timer = setInterval(() => {
      if (w.busy) ticksWhileBusy++;
    }, 1);
    const r = await w.write({ ...job(dir, 7, payload), level: 9 });
    clearInterval(timer);
    expect(ticksWhileBusy, 'timers ran while the write was in flight').toBeGreaterThan(0);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.seq).toBe(7);
    expect(r.path).toBe(path.join(dir, checkpointFileName(7, 7000)));
    expect(r.bytes, 'bytes is the size on disk').toBe(fs.statSync(r.path).size);
    expect(r.bytes).toBeLessThan(expected.length);
    expect(r.compressMs).toBeGreaterThan(0);
    expect(r.totalMs, 'total covers compression').toBeGreaterThanOrEqual(r.compressMs);
    const back = await readBtckFile(r.path, 1);
    expect(back.header).toEqual({ version: 1, createdAt: CREATED });
    expect(Buffer.from(back.payload).equals(Buffer.from(expected))).toBe(true);
    expect(fs.readdirSync(dir), 'only the checkpoint, no temp').toEqual([path.basename(r.path)]);
  });

  it('has at most one write in flight: busy, and write() while busy throws', async () => {
    const w = await startWriter();
    const dir = tempDir();
    expect(w.busy).toBe(false);
    const first = w.write(job(dir, 1, snapshotLikePayload(100_000)));
    expect(w.busy).toBe(true);
    expect(() => w.write(job(dir, 2, snapshotLikePayload(1000))), 'caller must check busy').toThrow(
      /still being written/,
    );
    expect((await first).ok).toBe(true);
    expect(w.busy).toBe(false);
    expect((await w.write(job(dir, 2, snapshotLikePayload(1000)))).ok).toBe(true);
    expect(fs.readdirSync(dir).sort()).toEqual([
      checkpointFileName(1, 1000),
      checkpointFileName(2, 2000),
    ]);
  });

  it('transfers the payload buffer (detached for the caller), copies a view of a larger one', async () => {
    const w = await startWriter();
    const dir = tempDir();
    const payload = snapshotLikePayload(200_000);
    const pending = w.write(job(dir, 1, payload));
    expect(payload.byteLength, 'transferred, not copied: the caller sees it detached').toBe(0);
    expect((await pending).ok).toBe(true);

    const whole = snapshotLikePayload(10_000);
    const view = whole.subarray(100, 5000);
    const expected = view.slice();
    const r = await w.write(job(dir, 2, view));
    expect(whole.byteLength, 'the rest of a shared buffer stays usable').toBe(10_000);
    expect(r.ok).toBe(true);
    if (r.ok) expect((await readBtckFile(r.path, 1)).payload).toEqual(expected);

    const pooled = Buffer.from('a Node Buffer from the shared pool');
    const r2 = await w.write(job(dir, 3, pooled));
    expect(r2.ok, 'untransferable pool buffers are copied').toBe(true);
    expect(pooled.toString()).toBe('a Node Buffer from the shared pool');
  });

  it('close() waits for the write in flight before terminating the worker', async () => {
    process.env[TEST_DELAY_ENV] = '200'; // read by the worker: sleep before the rename
    const w = await CheckpointWriter.start();
    const dir = tempDir();
    const events: string[] = [];
    const pending = w.write(job(dir, 1, snapshotLikePayload(50_000))).then((r) => {
      events.push(`written ok=${r.ok}`);
      return r;
    });
    await w.close().then(() => events.push('closed'));
    expect(events).toEqual(['written ok=true', 'closed']);
    const r = await pending;
    expect(r.ok && fs.existsSync(r.path)).toBe(true);
    expect(() => w.write(job(dir, 2, new Uint8Array(1)))).toThrow(/closed/);
    await w.close(); // idempotent
  });

  it('reports I/O errors as ok:false with the errno code instead of rejecting', async () => {
    const w = await startWriter();
    const dir = tempDir();
    const missing = await w.write(job(path.join(dir, 'missing'), 1, new Uint8Array(10)));
    expect(missing).toMatchObject({ ok: false, seq: 1, code: 'ENOENT' });

    const earlier = path.join(dir, checkpointFileName(2, 2000));
    fs.writeFileSync(earlier, 'an earlier checkpoint with the same name');
    const clash = await w.write(job(dir, 2, new Uint8Array(10)));
    expect(clash).toMatchObject({ ok: false, seq: 2, code: 'EEXIST' });
    expect(fs.readFileSync(earlier, 'utf8'), 'never touches earlier files').toBe(
      'an earlier checkpoint with the same name',
    );
    expect(fs.readdirSync(dir)).toEqual([path.basename(earlier)]);
    expect(w.busy).toBe(false);
  });

  it('refuses a seq or ticks that cannot be a file name, before taking the payload', async () => {
    const w = await startWriter();
    const payload = new Uint8Array(8);
    expect(() => w.write({ ...job(tempDir(), 1, payload), ticks: -1 })).toThrow(RangeError);
    expect(payload.byteLength, 'not transferred').toBe(8);
    expect(w.busy).toBe(false);
  });
});
