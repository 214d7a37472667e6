/**
 * Fencing at the level of single writes, on a real SQLite file: once a second session has
 * claimed a run, every kind of write of the first session is refused with RunFencedError and
 * changes nothing — rows, progress, status, statistics, and the checkpoint writer's rename.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renameFenced } from '../../src/main/services/checkpoints/write-fence.ts';
import { openDatabase, type Db } from '../../src/main/services/db/database.ts';
import { storedBarRows } from '../../src/main/services/runs/bar-store/stored-bars.ts';
import type { RunConfig } from '../../src/main/services/runs/run-config.ts';
import { RunFencedError } from '../../src/main/services/runs/run-fence.ts';
import { claimRun, heartbeat, releaseRun } from '../../src/main/services/runs/run-ownership.ts';
import { RunRecorder } from '../../src/main/services/runs/run-recorder.ts';
import {
  finishRun,
  getRun,
  insertRun,
  saveRunStats,
  setRunStatus,
  updateRunProgress,
} from '../../src/main/services/runs/run-store.ts';
import { useTempDir } from './temp-dir.ts';
import { minimalConfig } from './minimal-config.ts';

const tempDir = useTempDir();
const CONFIG: RunConfig = minimalConfig();

function bar(time: number) {
  return { time, open: 1, high: 1, low: 1, close: 1, volume: 0, ticks: 1 };
}

function rowsOf(db: Db, runId: string): number {
  return [...storedBarRows(db, { runId, symbol: 'EURUSD', timeframe: 'M1' })].length;
}

describe('fenced writes', () => {
  it('refuses every write of a session whose run was claimed by another, changing nothing', () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    const { id } = insertRun(db, CONFIG, 100);
    const old = claimRun(db, id);
    const recorder = new RunRecorder(db, old, CONFIG);
    recorder.onBarClosed(0, 0, bar(60_000) as never, new Float64Array(0));
    recorder.flush();
    expect(rowsOf(db, id), 'the owner writes').toBe(1);

    const current = claimRun(db, id); // same pid: a new session of this process takes it over
    updateRunProgress(db, current, 40, 1.5);
    finishRun(db, current, 'completed');
    const before = getRun(db, id);

    recorder.onBarClosed(0, 0, bar(120_000) as never, new Float64Array(0));
    const refused: [string, () => void][] = [
      ['rows', () => recorder.flush()],
      ['progress', () => updateRunProgress(db, old, 99, 9)],
      ['status', () => setRunStatus(db, old, 'paused')],
      ['finish', () => finishRun(db, old, 'failed', 'late failure')],
      [
        'stats',
        () => saveRunStats(db, old, { trades: 1 }, { monthly: [], warnings: [], toDate: false }),
      ],
      [
        'resume deletes',
        () =>
          recorder.resumeFrom(
            { bars: [[null]], tradeSeq: 0, equityTime: null, rejectionSeq: 0 },
            { bars: [], trades: [], equity: [], rejections: [] },
          ),
      ],
    ];
    for (const [what, write] of refused) {
      let error: unknown = null;
      try {
        write();
      } catch (e) {
        error = e;
      }
      expect(error, what).toBeInstanceOf(RunFencedError);
      expect((error as Error).message, what).toBe(
        `run ${id} was taken over by another session (pid ${process.pid}); this session's writes were refused`,
      );
    }
    expect(heartbeat(db, old), 'a lost claim does not beat').toBe(false);
    releaseRun(db, old); // gives nothing away: the run is not the old session's
    expect(getRun(db, id)).toEqual(before);
    expect(rowsOf(db, id)).toBe(1);
    db.close();
  });

  it('renames a checkpoint file into place only while the claim holds', () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    const { id } = insertRun(db, CONFIG, 100);
    const old = claimRun(db, id);
    const fence = { ...old, dbPath: db.name };
    const tmp = path.join(dir, 'a.tmp');
    fs.writeFileSync(tmp, 'x');
    renameFenced(fence, tmp, path.join(dir, 'a.btck'));
    expect(fs.existsSync(path.join(dir, 'a.btck'))).toBe(true);

    claimRun(db, id);
    fs.writeFileSync(tmp, 'y');
    expect(() => renameFenced(fence, tmp, path.join(dir, 'b.btck'))).toThrow(RunFencedError);
    expect(fs.existsSync(path.join(dir, 'b.btck')), 'no file for a lost claim').toBe(false);
    expect(fs.existsSync(tmp)).toBe(true);
    db.close();
  });
});
