import { CHECKPOINT_FORMAT_VERSION, type CheckpointData } from './checkpoint-data.ts';

type Data = Record<string, unknown>;

/**
 * `of(rows, width)` per history of a format-1 state, or [] when the state is not shaped like one
 * (-1 where a history is malformed).
 */
function perHistory<T>(state: unknown, of: (rows: Float64Array, width: number) => T): (T | -1)[][] {
  const histories = (state as { engine?: { histories?: unknown } } | null)?.engine?.histories;
  if (!Array.isArray(histories)) return [];
  return histories.map((row: unknown) =>
    Array.isArray(row)
      ? row.map((h: { rows?: unknown; width?: unknown } | null) =>
          h?.rows instanceof Float64Array && typeof h.width === 'number' && h.width > 0
            ? of(h.rows, h.width)
            : -1,
        )
      : [],
  );
}

/**
 * Format 1 → 2: format 1 always carried its bar histories in the file, which format 2 calls
 * 'embedded'. The migration runs before the content checks, on untrusted data: it never throws
 * on a malformed state, it leaves the schema to say what is wrong (-1 is not a row count).
 */
function embedHistory(d: Data): Data {
  return {
    ...d,
    history: 'embedded',
    historyRows: perHistory(d.state, (rows, width) => Math.floor(rows.length / width)),
    historyOldest: perHistory(d.state, (rows) => (rows.length > 0 ? rows[0] : null)),
  };
}

const isObject = (v: unknown): v is Data =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Format 2 → 3 (issue 12), the engine's part: the money state a format-2 run never had gets its
 * neutral values — no swaps accrued, excursion extremes at the entry price (NaN when flat:
 * entryPrice is NaN then), the next rollover unknown (NaN: the next tick schedules it; a run of
 * that age has no swaps), no margin in the equity tracker. Like 1 → 2 it runs on untrusted data and never
 * throws: anything not shaped as expected is left for the schema to name.
 */
function addMoneyState(d: Data): Data {
  const state = d.state;
  if (!isObject(state)) return d;
  const portfolio = state.portfolio;
  const equity = state.equity;
  const next: Data = { ...state };
  if (isObject(portfolio)) {
    const books = Array.isArray(portfolio.books)
      ? portfolio.books.map((b: unknown) => {
          if (!isObject(b) || !isObject(b.position)) return b;
          const entry = b.position.entryPrice;
          const price = typeof entry === 'number' ? entry : NaN;
          return {
            ...b,
            position: { ...b.position, swap: 0, worstPrice: price, bestPrice: price },
          };
        })
      : portfolio.books;
    next.portfolio = { ...portfolio, nextRollover: NaN, books };
  }
  if (isObject(equity)) next.equity = { ...equity, margin: 0 };
  return { ...d, state: next };
}

/** `rows` with `extra` appended to each row, when they are rows at all (else left to the schema). */
function widen(rows: unknown, extra: unknown[]): unknown {
  return Array.isArray(rows) ? rows.map((r) => (Array.isArray(r) ? [...r, ...extra] : r)) : rows;
}

/**
 * Format 2 → 3 (issue 12), the recorder's part: runs before money had no swap, excursion,
 * margin or refused order. Pending trade rows gain swap and MAE/MFE (0), pending equity rows the
 * used margin (0) and margin level (null: no margin), and there is no rejection yet (seq 0, none
 * pending). Never throws: a malformed part is left for the schema to name.
 */
function moneyOutputRows(d: Data): Data {
  const w = d.watermarks;
  const p = d.pending;
  return {
    ...d,
    watermarks: isObject(w) ? { ...w, rejectionSeq: 0 } : w,
    pending: isObject(p)
      ? {
          ...p,
          trades: widen(p.trades, [0, 0, 0, 0, 0]),
          equity: widen(p.equity, [0, null]),
          rejections: [],
        }
      : p,
  };
}

/** Format 2 → 3 (issue 12): the engine's money state and the recorder's money rows. */
function toMoneyFormat(d: Data): Data {
  return moneyOutputRows(addMoneyState(d));
}

/**
 * Upgrades from older checkpoint formats: MIGRATIONS[v] turns version-v data into version v+1.
 * When CHECKPOINT_FORMAT_VERSION is bumped, add the step from the previous version here, so
 * checkpoints of runs started by an older BackTestr stay resumable. The committed fixture
 * test/fixtures/checkpoints/v1 is read through this path on every test run.
 */
const MIGRATIONS: Record<number, (data: Data) => Data> = { 1: embedHistory, 2: toMoneyFormat };

export function migrateCheckpoint(version: number, data: unknown): CheckpointData {
  let d = data as Data;
  for (let v = version; v < CHECKPOINT_FORMAT_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new Error(`no migration from checkpoint format ${v} to ${v + 1}`);
    d = step(d);
    d.formatVersion = v + 1;
  }
  return d as unknown as CheckpointData;
}
