/**
 * The engine thread hands a capture to the writer thread as v8.serialize bytes and the writer
 * encodes it (checkpoint-handoff.ts). Checkpoints must stay deterministic: these tests hold the
 * writer-thread payload to the bytes encodePlain gives for the same capture on the engine thread.
 */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Backtest } from '../../../src/main/engine/backtest/backtest.ts';
import { ByteWriter } from '../../../src/main/engine/persist/byte-writer.ts';
import { encodePlain } from '../../../src/main/engine/persist/plain-codec.ts';
import { readBtckFile } from '../../../src/main/services/checkpoints/btck/index.ts';
import {
  captureCheckpoint,
  configHash,
  fingerprintOf,
} from '../../../src/main/services/checkpoints/checkpoint-capture.ts';
import {
  CHECKPOINT_FORMAT_VERSION,
  type CheckpointData,
} from '../../../src/main/services/checkpoints/checkpoint-data.ts';
import {
  payloadFromHandoff,
  serializeForWriter,
} from '../../../src/main/services/checkpoints/checkpoint-handoff.ts';
import { CheckpointWriter } from '../../../src/main/services/checkpoints/checkpoint-writer.ts';
import { openDatabase, type Db } from '../../../src/main/services/db/database.ts';
import { loadHasher } from '../../../src/main/services/hash.ts';
import { engineConfigOf, portfolioConfigOf } from '../../../src/main/services/runs/run-config.ts';
import { claimRun, releaseRun } from '../../../src/main/services/runs/run-ownership.ts';
import { RunRecorder } from '../../../src/main/services/runs/run-recorder.ts';
import { prepareRun } from '../../../src/main/services/runs/run-request.ts';
import { insertRun } from '../../../src/main/services/runs/run-store.ts';
import { generateSymbolTicks } from '../../../src/main/services/ticks/generate-service.ts';
import { openTickSource, readSymbol } from '../../../src/main/services/ticks/tick-store.ts';
import { useTempDir } from '../../services/temp-dir.ts';

const tempDir = useTempDir();

const viaWriterThread = (value: unknown): Uint8Array =>
  payloadFromHandoff(serializeForWriter(value as CheckpointData), new ByteWriter(64));

const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

beforeAll(async () => {
  await loadHasher();
});

describe('checkpoint hand-off to the writer thread', () => {
  it('gives the engine-thread bytes for every kind of plain value', () => {
    const backing = new Float64Array([1, NaN, -0, Infinity, -Infinity, 2 ** 60, 5e-324, 7]);
    const protoKey = JSON.parse('{"__proto__": 1, "b": 2}') as object;
    const sparse: unknown[] = [1];
    sparse[3] = 'x';
    const value = {
      zeta: 1,
      alpha: { y: -0, x: NaN, w: Infinity, v: -Infinity, u: 2 ** 31, t: -(2 ** 31), s: 0.1 },
      undef: undefined,
      nil: null,
      flags: [true, false],
      empty: { arr: [], obj: {} },
      text: ['', 'é€😀', '\ud800 lone surrogate', 'x'.repeat(200)],
      sparse,
      protoKey,
      // Views into a larger buffer, as snapshot(true) hands out: only the view travels.
      view: backing.subarray(1, 6),
      ints: new Int32Array([-1, 0, 2 ** 31 - 1]).subarray(1),
      bytes: new Uint8Array([0, 255, 7]),
      rows: [[1, 'EURUSD', 2.5, NaN, null]],
    };
    const engineThread = encodePlain(value);
    expect(same(viaWriterThread(value), engineThread)).toBe(true);
  });

  it('gives the engine-thread bytes for a real capture, through the writer worker and on disk', async () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    try {
      const data = await captureMidRun(db, dir);
      expect(data.history, 'the capture embeds its histories').toBe('embedded');
      expect(data.state.engine.histories[0][0].rows.length).toBeGreaterThan(0);
      const engineThread = encodePlain(data);
      expect(same(viaWriterThread(data), engineThread)).toBe(true);

      const writer = await CheckpointWriter.start();
      try {
        const r = await writer.write({
          dir,
          seq: data.seq,
          ticks: data.ticks,
          createdAt: data.meta.wallTime,
          version: CHECKPOINT_FORMAT_VERSION,
          payload: serializeForWriter(data),
          payloadFormat: 'handoff',
        });
        expect(r.ok, r.ok ? '' : r.error).toBe(true);
        if (!r.ok) return;
        expect(r.encodeMs).toBeGreaterThan(0);
        const onDisk = await readBtckFile(r.path, CHECKPOINT_FORMAT_VERSION);
        expect(same(onDisk.payload, engineThread)).toBe(true);
        expect(fs.statSync(r.path).size).toBe(r.bytes);
      } finally {
        await writer.close();
      }
    } finally {
      db.close();
    }
  });
});

/** A run of the built-in strategy stopped mid-way; its capture, as checkpoint-manager takes it. */
async function captureMidRun(db: Db, dir: string): Promise<CheckpointData> {
  await generateSymbolTicks(db, {
    symbol: 'EURUSD',
    start: Date.parse('2024-01-02T00:00:00Z'),
    days: 2,
    seed: 9,
  });
  const prepared = await prepareRun(db, dir, {
    symbols: ['EURUSD'],
    timeframes: ['M1', 'M5', 'H1'],
    indicators: ['ema(20)', 'rsi(14)', 'bbands(20,2)'],
    strategy: 'ma-cross',
    historySize: 50,
    // No bars stored: the capture embeds its histories, typed-array views of the engine's rings.
    record: ['trades', 'equity'],
  });
  const { config } = prepared;
  const run = insertRun(db, config, 0);
  const claim = claimRun(db, run.id);
  const recorder = new RunRecorder(db, claim, config);
  const backtest = new Backtest(
    {
      engine: engineConfigOf(config),
      portfolio: portfolioConfigOf(config),
      strategy: prepared.strategy,
    },
    { bars: recorder, trades: recorder, equity: recorder },
  );
  backtest.start();
  const merger = backtest.merger([openTickSource(db, readSymbol(db, 'EURUSD')!)]);
  merger.step(backtest.engine, 150_001);
  const ctx = {
    runId: run.id,
    config,
    configHash: configHash(config),
    fingerprint: fingerprintOf(db, config),
    ticksTotal: 0,
    backtest,
    recorder,
  };
  const meta = {
    trigger: 'manual' as const,
    wallTime: 1_700_000_000_000,
    elapsedSeconds: 1.5,
    ticksPerSec: 1e6,
  };
  const data = captureCheckpoint(ctx, 1, NaN, meta);
  releaseRun(db, claim);
  return data;
}
