/** Reading a run's stored statistics and report as another process would (report tests). */
import Database from 'better-sqlite3';
import path from 'node:path';
import { cli } from './run-cli.ts';

export interface StoredRun {
  id: string;
  status: string;
  stats: Record<string, number | null> | null;
  report: { monthly: unknown[]; warnings: string[]; toDate: boolean } | null;
}

export function storedRun(dir: string, id: string): StoredRun {
  const runs = JSON.parse(cli(dir, ['runs', 'list', '--json']).stdout) as StoredRun[];
  return runs.find((r) => r.id === id)!;
}

/** Ticks the run has committed so far (runs.ticks_done). */
export function ticksDone(dir: string, id: string): number {
  return readRow(dir, 'SELECT ticks_done AS t FROM runs WHERE id = ?', id)?.t ?? 0;
}

/** One row of the data folder's database, opened read-only for the query. */
export function readRow(
  dir: string,
  sql: string,
  ...params: unknown[]
): Record<string, number> | undefined {
  const db = new Database(path.join(dir, 'backtestr.db'), { readonly: true });
  try {
    return db.prepare(sql).get(...params) as Record<string, number> | undefined;
  } finally {
    db.close();
  }
}
