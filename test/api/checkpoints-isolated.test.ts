/**
 * The checkpoint browser's reads (verify, inspect, diff) through the backend the app and the web
 * bridge run: hostile files are answers or errors, never the end of the backend, and a reader that
 * blows its heap limit dies alone while the next call is served.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { encodePlain } from '../../src/main/engine/persist/plain-codec.ts';
import { encodeBtck } from '../../src/main/services/checkpoints/btck/btck-codec.ts';
import { READ_HEAP_ENV } from '../../src/main/services/checkpoints/isolated-read.ts';
import { READER_ABORT_TEST_ENV } from '../../src/main/services/checkpoints/read-limits.ts';
import { loadHasher } from '../../src/main/services/hash.ts';
import type { Backend } from '../../src/main/services/api/backend.ts';
import {
  btckAroundFrame,
  hugeArrayPayload,
  zeroStreamFrame,
} from '../checkpoints/format/hostile.ts';
import { checkpointFileOf, completedRun, useBackends } from './helpers.ts';

vi.hoisted(() => {
  process.env.BACKTESTR_TEST_THROTTLE_MS = '10';
});

const backendIn = useBackends();

beforeAll(async () => {
  await loadHasher();
});
afterEach(() => {
  delete process.env[READ_HEAP_ENV];
  delete process.env[READER_ABORT_TEST_ENV];
});

function runWithCheckpoints(): Promise<{ backend: Backend; dataDir: string; runId: string }> {
  return completedRun(backendIn, {
    symbols: ['EURUSD'],
    timeframes: ['M1'],
    indicators: [],
    strategy: null,
    params: {},
    checkpoints: { intervalMs: 0, everyTicks: 30_000, keep: 20, level: 1 },
  });
}

const V1 = { version: 1, createdAt: 1_700_000_000_000 };
const HOSTILE: [string, (file: string) => void][] = [
  ['symlink to /dev/zero', (f) => fs.symlinkSync('/dev/zero', f)],
  ['FIFO', (f) => execFileSync('mkfifo', [f])],
  ['directory', (f) => fs.mkdirSync(f)],
  ['dangling symlink', (f) => fs.symlinkSync(`${f}.gone`, f)],
  [
    'zstd frame streaming 4 GiB',
    (f) => fs.writeFileSync(f, btckAroundFrame(zeroStreamFrame(32 * 1024))),
  ],
  [
    '400 M-item array',
    (f) => fs.writeFileSync(f, encodeBtck(hugeArrayPayload(12 * 1024, 4e8), V1)),
  ],
];

describe.runIf(process.platform !== 'win32')('checkpoint reads through the backend', () => {
  it('answers hostile files with ok:false or an error, and keeps serving', async () => {
    const { backend, dataDir, runId } = await runWithCheckpoints();
    const valid = (await backend.invoke('checkpoints:list', { runId })).filter(
      (c) => c.status === 'valid',
    );
    expect(valid.length).toBeGreaterThanOrEqual(HOSTILE.length + 1);
    for (const [i, [name, make]] of HOSTILE.entries()) {
      const seq = valid[i]!.seq;
      const file = checkpointFileOf(dataDir, runId, seq);
      fs.rmSync(file);
      make(file);
      const answer = await backend.invoke('checkpoints:verify', { runId, seq });
      expect(answer.ok, name).toBe(false);
      expect(answer.message, name).toMatch(
        /corrupt checkpoint .*\((not-a-file|too-large|mismatch)\)/,
      );
      await expect(backend.invoke('checkpoints:inspect', { runId, seq }), name).rejects.toThrow(
        /corrupt checkpoint/,
      );
    }
    const newest = valid.at(-1)!.seq;
    expect((await backend.invoke('checkpoints:verify', { runId, seq: newest })).ok).toBe(true);
    const report = await backend.invoke('checkpoints:inspect', { runId, seq: newest });
    expect(report.run).toMatchObject({ id: runId, seq: newest });
    // 14 reads, each a fresh Node process compiling the reader's .ts sources: a generous deadline.
  }, 180_000);

  it('a reader that exceeds its heap limit dies alone; the next call is served', async () => {
    const { backend, dataDir, runId } = await runWithCheckpoints();
    const valid = (await backend.invoke('checkpoints:list', { runId })).filter(
      (c) => c.status === 'valid',
    );
    // Sane bytes that decode to ~1 M small objects: tens of MB of heap from a small file.
    const big = encodePlain(Array.from({ length: 1_000_000 }, (_, i) => ({ i })));
    const file = checkpointFileOf(dataDir, runId, valid[0]!.seq);
    fs.writeFileSync(file, encodeBtck(big, V1));
    process.env[READ_HEAP_ENV] = '16';
    const answer = await backend.invoke('checkpoints:verify', { runId, seq: valid[0]!.seq });
    expect(answer.ok).toBe(false);
    expect(answer.message).toMatch(
      /^reading checkpoint .*\.btck failed: ran out of memory \(limit 16 MB\)$/,
    );
    await expect(
      backend.invoke('checkpoints:inspect', { runId, seq: valid[0]!.seq }),
    ).rejects.toThrow(/ran out of memory \(limit 16 MB\)/);
    delete process.env[READ_HEAP_ENV];
    expect((await backend.invoke('checkpoints:list', { runId })).length).toBe(valid.length);
    const ok = await backend.invoke('checkpoints:verify', { runId, seq: valid.at(-1)!.seq });
    expect(ok.ok, ok.message).toBe(true);
  });

  it('a reader process that aborts (as V8 does at a heap limit) ends alone; the error names the file', async () => {
    const { backend, dataDir, runId } = await runWithCheckpoints();
    const valid = (await backend.invoke('checkpoints:list', { runId })).filter(
      (c) => c.status === 'valid',
    );
    const [a, b] = [valid[0]!.seq, valid.at(-1)!.seq];
    process.env[READER_ABORT_TEST_ENV] = '1';
    const answer = await backend.invoke('checkpoints:verify', { runId, seq: a });
    expect(answer.ok).toBe(false);
    const file = checkpointFileOf(dataDir, runId, a);
    expect(answer.message).toBe(
      `reading checkpoint ${file} failed: the reader ended (signal SIGABRT) without an answer`,
    );
    await expect(backend.invoke('checkpoints:diff', { runId, a, b })).rejects.toThrow(
      `reading checkpoint ${file} and ${checkpointFileOf(dataDir, runId, b)} failed: the reader ended (signal SIGABRT)`,
    );
    delete process.env[READER_ABORT_TEST_ENV];
    const ok = await backend.invoke('checkpoints:verify', { runId, seq: b });
    expect(ok.ok, ok.message).toBe(true);
    expect((await backend.invoke('checkpoints:inspect', { runId, seq: b })).run).toMatchObject({
      id: runId,
      seq: b,
    });
  });
});
