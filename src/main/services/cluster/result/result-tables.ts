/**
 * The output tables of a run as they travel in a result: every stored row, run_id left out,
 * columns in a fixed order and with a fixed type each. Copied as stored (bar chunks as their
 * compressed blobs, numbers as the doubles SQLite gave back), so the submitter's tables end up holding exactly the
 * worker's rows, and every reader (views, `runs export`, resume) sees the same run there.
 */
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { bytes, count, list } from '../../checkpoints/content/schema-parts.ts';
import { RESULT_TABLES, type ColumnType, type TableSpec } from './result-table-specs.ts';

export { RESULT_TABLES } from './result-table-specs.ts';

/**
 * One table's rows column by column: numbers (INTEGER and REAL columns) as a Float64Array,
 * text and blobs as arrays. A run's equity curve has a row per smallest-timeframe close —
 * millions over years of M1 — and as columns that is a handful of values for the decoder to
 * count and the schema to check, not millions of tuples.
 */
export interface ResultTable {
  n: number;
  cols: (Float64Array | string[] | Uint8Array[])[];
}

export type ResultRows = Record<string, ResultTable>;

const numbers = (ints: boolean) =>
  z.custom<Float64Array>(
    (v) => v instanceof Float64Array && (!ints || v.every((x) => Number.isSafeInteger(x))),
    ints ? 'expected a Float64Array of integers' : 'expected a Float64Array',
  );

const COLUMN: Record<ColumnType, z.ZodType> = {
  int: numbers(true),
  real: numbers(false),
  text: list(z.string().max(1024)),
  blob: list(bytes),
};

const tableSchema = (spec: TableSpec) =>
  z
    .strictObject({
      n: count,
      cols: z.tuple(spec.columns.map(([, type]) => COLUMN[type]) as [z.ZodType, ...z.ZodType[]]),
    })
    .refine(
      (t) =>
        Array.isArray(t.cols) && t.cols.every((c) => (c as { length?: unknown })?.length === t.n),
      { message: 'every column must hold n values', path: ['cols'] },
    );

/** Every output table, each as its columns (tuples of the column types). */
export const resultRowsSchema = z.strictObject(
  Object.fromEntries(Object.entries(RESULT_TABLES).map(([t, spec]) => [t, tableSchema(spec)])),
);

const columnList = (spec: TableSpec) => spec.columns.map(([c]) => c).join(', ');

/** Every output row of `runId`, as columns. */
export function dumpRows(db: Db, runId: string): ResultRows {
  const out: ResultRows = {};
  for (const [table, spec] of Object.entries(RESULT_TABLES)) {
    const rows = db
      .prepare(`SELECT ${columnList(spec)} FROM ${table} WHERE run_id = ? ORDER BY ${spec.order}`)
      .raw()
      .all(runId) as unknown[][];
    const cols = spec.columns.map(([, type], c) =>
      type === 'int' || type === 'real'
        ? Float64Array.from(rows, (r) => (r[c] as number | null) ?? NaN)
        : rows.map((r) => r[c] as string | Uint8Array),
    ) as ResultTable['cols'];
    out[table] = { n: rows.length, cols };
  }
  return out;
}

/** Replaces the output rows of `runId` with `rows`; call inside the caller's fenced transaction. */
export function replaceRows(db: Db, runId: string, rows: ResultRows): void {
  for (const [table, spec] of Object.entries(RESULT_TABLES)) {
    db.prepare(`DELETE FROM ${table} WHERE run_id = ?`).run(runId);
    const marks = spec.columns.map(() => '?').join(', ');
    const insert = db.prepare(
      `INSERT INTO ${table} (run_id, ${columnList(spec)}) VALUES (?, ${marks})`,
    );
    const { n, cols } = rows[table];
    const row: unknown[] = new Array(cols.length);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < cols.length; c++) row[c] = cols[c][i];
      insert.run(runId, ...row);
    }
  }
}
