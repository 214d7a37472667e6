/**
 * The output tables of a run as they travel in a result: every stored row, run_id left out,
 * columns in a fixed order and with a fixed type each. Copied as stored — bar chunks as their
 * compressed blobs, NaN as SQLite's NULL — so the submitter's tables end up holding exactly the
 * worker's rows, and every reader (views, `runs export`, resume) sees the same run there.
 */
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { bytes, float64, list } from '../../checkpoints/content/schema-parts.ts';

type ColumnType = 'int' | 'real' | 'text' | 'blob';

interface TableSpec {
  columns: [string, ColumnType][];
  order: string;
}

/** Every table holding a run's output (bars: rows of runs older than bar chunks). */
export const RESULT_TABLES: Record<string, TableSpec> = {
  bars: {
    columns: [
      ['symbol', 'text'],
      ['timeframe', 'text'],
      ['time', 'int'],
      ['open', 'real'],
      ['high', 'real'],
      ['low', 'real'],
      ['close', 'real'],
      ['volume', 'real'],
      ['ticks', 'int'],
      ['indicators', 'blob'],
    ],
    order: 'symbol, timeframe, time',
  },
  bar_chunks: {
    columns: [
      ['symbol', 'text'],
      ['timeframe', 'text'],
      ['first_time', 'int'],
      ['last_time', 'int'],
      ['count', 'int'],
      ['data', 'blob'],
    ],
    order: 'symbol, timeframe, first_time',
  },
  trades: {
    columns: [
      ['seq', 'int'],
      ['trade_id', 'int'],
      ['symbol', 'text'],
      ['side', 'text'],
      ['size', 'real'],
      ['entry_time', 'int'],
      ['entry_price', 'real'],
      ['exit_time', 'int'],
      ['exit_price', 'real'],
      ['exit_reason', 'text'],
      ['gross_pnl', 'real'],
      ['commission', 'real'],
      ['net_pnl', 'real'],
    ],
    order: 'seq',
  },
  equity: {
    columns: [
      ['time', 'int'],
      ['balance', 'real'],
      ['equity', 'real'],
      ['drawdown', 'real'],
      ['drawdown_pct', 'real'],
    ],
    order: 'time',
  },
  run_tallies: {
    columns: [
      ['trade_seq', 'int'],
      ['equity_time', 'int'],
      ['state', 'blob'],
    ],
    order: 'trade_seq, equity_time',
  },
};

export type ResultRows = Record<string, unknown[][]>;

const CELL: Record<ColumnType, z.ZodType> = {
  int: z.number().int(),
  // SQLite gives NULL for a NaN it was handed; anything else a REAL column holds is a number.
  real: float64.nullable(),
  text: z.string().max(1024),
  blob: bytes,
};

/** Each table's rows: tuples of its column types. Stops at the first bad row (list()). */
export const resultRowsSchema = z.strictObject(
  Object.fromEntries(
    Object.entries(RESULT_TABLES).map(([t, spec]) => [
      t,
      list(z.tuple(spec.columns.map(([, type]) => CELL[type]) as [z.ZodType, ...z.ZodType[]])),
    ]),
  ),
);

const columnList = (spec: TableSpec) => spec.columns.map(([c]) => c).join(', ');

/** Every output row of `runId`, blobs as plain Uint8Array views. */
export function dumpRows(db: Db, runId: string): ResultRows {
  const out: ResultRows = {};
  for (const [table, spec] of Object.entries(RESULT_TABLES)) {
    const rows = db
      .prepare(`SELECT ${columnList(spec)} FROM ${table} WHERE run_id = ? ORDER BY ${spec.order}`)
      .raw()
      .all(runId) as unknown[][];
    out[table] = rows;
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
    for (const r of rows[table]) insert.run(runId, ...r);
  }
}
