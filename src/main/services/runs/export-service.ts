import path from 'node:path';
import { IndicatorSet } from '../../engine/mtf/indicator-set.ts';
import type { Db } from '../db/database.ts';
import { storedBarRows } from './bar-store/stored-bars.ts';
import { formatNumber, isoTime, writeCsv, writeFileSynced } from './csv-writer.ts';
import { ExportStaging } from './export-staging.ts';
import { recordsBars, recordsEquity, recordsTrades, type RunRecord } from './run-config.ts';
import { writeEquityCsv, writeRejectionsCsv, writeTradesCsv } from './export-results.ts';
import { getRun } from './run-store.ts';

export { formatNumber } from './csv-writer.ts';

export class RunNotFoundError extends Error {
  constructor(id: string) {
    super(`no run '${id}' (backtestr runs list shows the runs)`);
    this.name = 'RunNotFoundError';
  }
}

/**
 * Test hook: BACKTESTR_EXPORT_TEST_DELAY_MS sleeps that long after each exported file is written
 * and after each is moved into an existing folder, so a test can SIGKILL an export midway. Never
 * set in normal use.
 */
const TEST_DELAY_MS = Number(process.env.BACKTESTR_EXPORT_TEST_DELAY_MS ?? 0);

function testDelay(): void {
  if (TEST_DELAY_MS > 0)
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, TEST_DELAY_MS);
}

/**
 * Writes a run's results to `outDir`: one CSV per (symbol, timeframe) named
 * `<SYMBOL>_<TF>.csv`, and for backtests with a strategy `trades.csv`, `rejections.csv`,
 * `equity.csv` and `summary.json` (export-results.ts). What a run did not record (RunConfig.record) has no file at all — an empty
 * file would read as "no trades" — and summary.json says what was recorded. Output depends only on the stored results and the run's config — no run id,
 * no wall-clock time, no paths — so equal runs give byte-identical files. The files appear all at
 * once (export-staging.ts): a crash leaves no new export or a complete one. Returns their paths.
 */
export function exportRun(db: Db, runId: string, outDir: string): string[] {
  const run = getRun(db, runId);
  if (!run) throw new RunNotFoundError(runId);
  const staging = new ExportStaging(outDir);
  try {
    const names = recordsBars(run.config) ? exportBars(db, run, staging.dir) : [];
    if (run.config.strategy) names.push(...exportResults(db, run, staging.dir));
    staging.publish(names, testDelay);
    return names.map((name) => path.join(outDir, name));
  } catch (e) {
    staging.abandon();
    throw e;
  }
}

function exportBars(db: Db, run: RunRecord, outDir: string): string[] {
  const header = ['time', 'open', 'high', 'low', 'close', 'volume', 'ticks'];
  header.push(...new IndicatorSet(run.config.indicators).columns);
  const files: string[] = [];
  for (const symbol of run.config.symbols) {
    for (const timeframe of run.config.timeframes) {
      const name = `${symbol}_${timeframe}.csv`;
      const rows = (function* () {
        for (const r of storedBarRows(db, { runId: run.id, symbol, timeframe })) {
          const cells = [isoTime(r[0])];
          for (let k = 1; k < r.length; k++) cells.push(formatNumber(r[k]));
          yield cells;
        }
      })();
      writeCsv(path.join(outDir, name), header, rows);
      testDelay();
      files.push(name);
    }
  }
  return files;
}

/**
 * trades.csv and rejections.csv, equity.csv when the run stored them; summary.json (statistics)
 * always.
 */
function exportResults(db: Db, run: RunRecord, outDir: string): string[] {
  const names: string[] = [];
  const files = [
    ...(recordsTrades(run.config) ? [writeTradesCsv, writeRejectionsCsv] : []),
    ...(recordsEquity(run.config) ? [writeEquityCsv] : []),
  ];
  for (const write of files) {
    names.push(write(db, run, outDir));
    testDelay();
  }
  const summary = JSON.stringify(summaryOf(run), null, 2) + '\n';
  writeFileSynced(path.join(outDir, 'summary.json'), summary);
  testDelay();
  return [...names, 'summary.json'];
}

/** What summary.json holds: the run's inputs (without paths or ids) and its statistics. */
export function summaryOf(run: RunRecord): object {
  const c = run.config;
  return {
    strategy: c.strategy && { name: c.strategy.name, params: c.strategy.params },
    symbols: c.symbols,
    from: c.from === null ? null : isoTime(c.from),
    to: c.to === null ? null : isoTime(c.to),
    timeframes: c.timeframes,
    indicators: c.indicators,
    price: c.price,
    account: c.account,
    ticks: run.ticksDone,
    statistics: run.stats,
    // Monthly returns and warnings (issue 12); absent for a run finished before, so its summary
    // is as it always was.
    ...(run.report && { report: run.report }),
    // Only for a run that left something out, so a default run's summary is as it always was.
    ...(c.record && { record: c.record }),
  };
}
