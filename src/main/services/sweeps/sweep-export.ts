/**
 * A sweep's export (`sweeps export ID --out DIR`, `sweeps:export`): jobs.csv, best.json and, for
 * a walk-forward sweep whose out-of-sample runs recorded their equity, oos_equity.csv — byte-identical across identical sweeps: no ids, no wall
 * times, a fixed column order, numbers printed as run exports print them (csv-writer.ts), `\n`
 * line ends. The files appear all at once, like a run's export (export-staging.ts).
 */
import path from 'node:path';
import { computeStatistics } from '../../engine/results/statistics.ts';
import type { ParamValue, SweepDetail, SweepJobInfo } from '../../../shared/sweeps.ts';
import type { Db } from '../db/database.ts';
import { formatNumber, isoTime, writeCsv, writeFileSynced } from '../runs/csv-writer.ts';
import { ExportStaging } from '../runs/export-staging.ts';
import { objectiveValue } from '../../../shared/sweep-objective.ts';
import { oosEquityRecorded, stitchedOosEquity } from './oos-stitch.ts';
import { bestJsonText } from './sweep-best.ts';

/**
 * Every statistic in the order of the Statistics interface (the order computeStatistics builds
 * it in): the columns of jobs.csv. Taken from a real result so a statistic added there gets its
 * column without anyone remembering this file.
 */
export const STATISTIC_COLUMNS: readonly string[] = Object.keys(
  computeStatistics({
    trades: [],
    equity: [],
    startBalance: 1,
    exposure: { inMarketMs: 0, firstTime: 0, lastTime: 0 },
  }),
);

/** Writes the export atomically into `dir` (ExportStaging); returns the file names written. */
export function writeSweepExport(db: Db, detail: SweepDetail, dir: string): string[] {
  const staging = new ExportStaging(dir);
  try {
    const names = ['jobs.csv', 'best.json'];
    writeJobsCsv(detail, path.join(staging.dir, 'jobs.csv'));
    writeFileSynced(path.join(staging.dir, 'best.json'), bestJsonText(detail));
    // Like a run's export: what was not recorded has no file (an empty one would read as flat).
    if (detail.spec.walkForward && oosEquityRecorded(db, detail)) {
      writeOosEquityCsv(db, detail, path.join(staging.dir, 'oos_equity.csv'));
      names.push('oos_equity.csv');
    }
    staging.publish(names);
    return names;
  } catch (e) {
    staging.abandon();
    throw e;
  }
}

/** index, phase, window, each swept param (spec order), status, objective, statistics, error. */
export function jobsCsvHeader(detail: SweepDetail): string[] {
  const params = detail.spec.params.map((p) => p.name);
  return [
    'index',
    'phase',
    'window',
    ...params,
    'status',
    'objective',
    ...STATISTIC_COLUMNS,
    'error',
  ];
}

function writeJobsCsv(detail: SweepDetail, file: string): void {
  const { params, objective } = detail.spec;
  const jobs = [...detail.jobs].sort((a, b) => a.index - b.index);
  writeCsv(
    file,
    jobsCsvHeader(detail),
    (function* () {
      for (const job of jobs) {
        const completed = job.status === 'completed';
        yield [
          String(job.index),
          job.phase,
          job.window === null ? '' : String(job.window),
          ...params.map((p) => paramCell(job.params[p.name])),
          job.status,
          numberCell(completed ? objectiveValue(job.stats, objective) : null),
          ...STATISTIC_COLUMNS.map((k) => numberCell(statOf(job, k))),
          job.error === null ? '' : textCell(job.error),
        ];
      }
    })(),
  );
}

/** time, window, balance, equity of the stitched out-of-sample curve (oos-stitch.ts). */
function writeOosEquityCsv(db: Db, detail: SweepDetail, file: string): void {
  writeCsv(
    file,
    ['time', 'window', 'balance', 'equity'],
    (function* () {
      for (const s of stitchedOosEquity(db, detail))
        yield [isoTime(s.time), String(s.window), formatNumber(s.balance), formatNumber(s.equity)];
    })(),
  );
}

function statOf(job: SweepJobInfo, key: string): number | null {
  return job.stats?.[key] ?? null;
}

/** An empty cell for no value (null, or an OOS job whose params are not chosen yet). */
function numberCell(x: number | null | undefined): string {
  return x === null || x === undefined ? '' : formatNumber(x);
}

function paramCell(v: ParamValue | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return String(v);
  return textCell(v);
}

/**
 * Text as one CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break — an
 * error message often does — with quotes doubled. Anything else is written as is.
 */
export function textCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Where the app exports a sweep (`sweeps:export`): beside the runs' exports. */
export function sweepExportDir(dataDir: string, sweepId: string): string {
  return path.join(dataDir, 'exports', `sweep-${sweepId}`);
}
