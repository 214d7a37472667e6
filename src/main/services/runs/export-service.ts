import fs from 'node:fs';
import path from 'node:path';
import type { Bar } from '../../engine/mtf/bar.ts';
import { IndicatorSet } from '../../engine/mtf/indicator-set.ts';
import type { Db } from '../db/database.ts';
import { getRun } from './run-store.ts';

export class RunNotFoundError extends Error {
  constructor(id: string) {
    super(`no run '${id}' (backtestr runs list shows the runs)`);
    this.name = 'RunNotFoundError';
  }
}

/** JavaScript's shortest round-trip form; an empty cell where there is no value (NaN). */
export function formatNumber(x: number): string {
  return Number.isNaN(x) ? '' : String(x);
}

type BarRow = Bar & { indicators: Buffer };

/** Copies the blob into an aligned Float64Array (a Buffer's offset need not be a multiple of 8). */
function indicatorValues(blob: Buffer): Float64Array {
  const copy = new Uint8Array(blob.length);
  copy.set(blob);
  return new Float64Array(copy.buffer);
}

/**
 * Writes one CSV per (symbol, timeframe) of a run: `<SYMBOL>_<TF>.csv`, rows in time order.
 * Output depends only on the stored bars, so equal runs give byte-identical files.
 */
export function exportRunBars(db: Db, runId: string, outDir: string): string[] {
  const run = getRun(db, runId);
  if (!run) throw new RunNotFoundError(runId);
  fs.mkdirSync(outDir, { recursive: true });
  const columns = new IndicatorSet(run.config.indicators).columns;
  const header =
    ['time', 'open', 'high', 'low', 'close', 'volume', 'ticks', ...columns].join(',') + '\n';
  const select = db.prepare(
    `SELECT time, open, high, low, close, volume, ticks, indicators FROM bars
     WHERE run_id = ? AND symbol = ? AND timeframe = ? ORDER BY time`,
  );
  const files: string[] = [];
  for (const symbol of run.config.symbols) {
    for (const tf of run.config.timeframes) {
      const file = path.join(outDir, `${symbol}_${tf}.csv`);
      const fd = fs.openSync(file, 'w');
      try {
        let buf = header;
        for (const r of select.iterate(runId, symbol, tf) as Iterable<BarRow>) {
          const cells = [
            new Date(r.time).toISOString(),
            r.open,
            r.high,
            r.low,
            r.close,
            r.volume,
            r.ticks,
          ].map((c) => (typeof c === 'number' ? formatNumber(c) : c));
          for (const v of indicatorValues(r.indicators)) cells.push(formatNumber(v));
          buf += cells.join(',') + '\n';
          if (buf.length > 1 << 16) {
            fs.writeSync(fd, buf);
            buf = '';
          }
        }
        fs.writeSync(fd, buf);
      } finally {
        fs.closeSync(fd);
      }
      files.push(file);
    }
  }
  return files;
}
