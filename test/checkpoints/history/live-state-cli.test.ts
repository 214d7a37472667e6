/**
 * Live-state checkpoints through the real CLI: their size does not grow with --history, a
 * SIGKILLed run resumes from them exactly, and a tampered one — history rows smuggled into the
 * file, or bars missing from the store it rebuilds from — is refused as corrupt (moved aside)
 * with recovery falling back to the previous checkpoint.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readCheckpointFile } from '../../../src/main/services/checkpoints/checkpoint-reader.ts';
import { databasePath } from '../../../src/main/services/db/database.ts';
import {
  decodeBarChunk,
  encodeBarChunk,
} from '../../../src/main/services/runs/bar-store/bar-chunk-codec.ts';
import { loadHasher } from '../../../src/main/services/hash.ts';
import { cli } from '../../cli/run-cli.ts';
import { rewriteCheckpoint } from '../content/rewrite-checkpoint.ts';
import {
  checkpointFiles,
  CKPT,
  exportOf,
  killedRun,
  RUN_ARGS,
  runJson,
  useDataFolders,
} from '../lifecycle/shared-data.ts';

const freshFolder = useDataFolders();

const btcks = (dir: string, runId: string) =>
  checkpointFiles(dir, runId).filter((f) => f.endsWith('.btck'));

describe('checkpoint size with --history 1000 vs 10000', () => {
  it('is the same within 10 %: the file holds the live state, not the history', async () => {
    await loadHasher();
    const dir = freshFolder();
    let lastRun = '';
    const sizes = (history: string) => {
      const args = ['run', ...RUN_ARGS, '--indicators', 'rsi(14),bbands(20,2),atr(14)'];
      const { runId } = runJson(dir, [...args, ...CKPT, '--keep', '50', '--history', history]);
      lastRun = runId;
      return new Map(
        btcks(dir, runId).map((f) => [readCheckpointFile(f).data.ticks, fs.statSync(f).size]),
      );
    };
    const small = sizes('1000');
    const large = sizes('10000');
    let compared = 0;
    for (const [ticks, a] of small) {
      const b = large.get(ticks);
      if (b === undefined) continue;
      compared++;
      expect(
        Math.abs(a - b) / Math.min(a, b),
        `at ${ticks} ticks: ${a} vs ${b} bytes`,
      ).toBeLessThan(0.1);
    }
    expect(compared, 'checkpoints at the same tick count').toBeGreaterThan(3);
    // Else the test could not fail: the histories must differ, 1000 rows against far more.
    const newest = btcks(dir, lastRun).at(-1)!;
    const rows = Math.max(...readCheckpointFile(newest).data.historyRows.flat());
    expect(rows, 'M1 history rows of the --history 10000 run').toBeGreaterThan(3000);
  }, 240_000);
});

describe("SIGKILL and resume with 'store' checkpoints", () => {
  it('resumes to the export of an uninterrupted run, from files without history rows', async () => {
    await loadHasher();
    const dir = freshFolder();
    const runId = await killedRun(dir, 3);
    for (const f of btcks(dir, runId)) {
      const d = readCheckpointFile(f).data;
      expect(d.history).toBe('store');
      expect(d.state.engine.histories.flat().every((h) => h.rows.length === 0)).toBe(true);
    }
    const resumed = runJson(dir, ['resume', runId, '--no-checkpoints']);
    expect(resumed.status).toBe('completed');
    const straight = runJson(dir, ['run', ...RUN_ARGS, '--no-checkpoints']);
    expect(exportOf(dir, runId)).toEqual(exportOf(dir, straight.runId));
  }, 240_000);
});

describe("a tampered 'store' checkpoint is refused and recovery falls back", () => {
  async function fallsBack(
    tamper: (dir: string, newest: string, previous: string) => void | Promise<void>,
  ) {
    await loadHasher();
    const dir = freshFolder();
    const runId = await killedRun(dir, 3);
    const files = btcks(dir, runId);
    const [previous, newest] = files.slice(-2);
    await tamper(dir, newest, previous);
    const verify = cli(dir, ['checkpoints', 'verify', newest]);
    expect(verify.code, verify.stdout).toBe(1);
    expect(verify.stderr).toContain('FAILED');
    const resumed = runJson(dir, ['resume', runId, '--no-checkpoints']);
    expect(resumed.quarantined).toEqual([`${newest}.corrupt`]);
    expect(resumed.resumedFrom).toMatchObject({ file: previous });
    const straight = runJson(dir, ['run', ...RUN_ARGS, '--no-checkpoints']);
    expect(exportOf(dir, runId)).toEqual(exportOf(dir, straight.runId));
    return verify.stderr;
  }

  it('history rows present in the file', async () => {
    const stderr = await fallsBack((_dir, newest) =>
      rewriteCheckpoint(newest, (d) => {
        const h = d.state.engine.histories[0][0];
        h.rows = new Float64Array(h.width);
      }),
    );
    expect(stderr).toMatch(/rows: \d+ values in a checkpoint whose history is 'store'/);
  }, 240_000);

  it('bars missing from the store inside the history window', async () => {
    const stderr = await fallsBack((dir, newest, previous) => {
      const [a, b] = [readCheckpointFile(previous).data, readCheckpointFile(newest).data];
      const db = new Database(databasePath(dir));
      // One M1 bar between the two checkpoints' watermarks, cut out of the chunk that holds it
      // (a piece or a full chunk, depending on when chunks filled): the newest checkpoint's
      // history needs it, the previous checkpoint's does not.
      const [lo, hi] = [a.watermarks.bars[0][0]!, b.watermarks.bars[0][0]!];
      const row = db
        .prepare(
          `SELECT rowid, count, data FROM bar_chunks WHERE run_id = ? AND symbol = 'EURUSD'
             AND timeframe = 'M1' AND last_time > ? AND first_time < ? ORDER BY first_time DESC`,
        )
        .get(b.runId, lo, hi) as { rowid: number; count: number; data: Buffer };
      const chunk = decodeBarChunk(row.data, row.count);
      const n = chunk.count;
      const cut = Array.from({ length: n }, (_, i) => i).findLast(
        (i) => i > 0 && chunk.cols[i] > lo && chunk.cols[i] < hi,
      )!;
      const cols = new Float64Array((n - 1) * chunk.width);
      for (let k = 0; k < chunk.width; k++)
        for (let i = 0, j = 0; i < n; i++)
          if (i !== cut) cols[k * (n - 1) + j++] = chunk.cols[k * n + i];
      const gone = db
        .prepare('UPDATE bar_chunks SET count = ?, data = ? WHERE rowid = ?')
        .run(n - 1, encodeBarChunk({ count: n - 1, width: chunk.width, cols }), row.rowid);
      db.close();
      expect(gone.changes).toBe(1);
    });
    // Whichever check meets the hole first names it: the watermark's own bar, or the history.
    expect(stderr).toMatch(
      /no EURUSD M1 bar is stored at|history(Oldest|Rows)\[0\]\[0\]: .*the bar store of run/,
    );
  }, 240_000);
});
