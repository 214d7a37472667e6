/**
 * Schema of the engine snapshot inside a checkpoint (BacktestSnapshot): the shapes restore()
 * relies on, so that it never meets a null, a string or a missing field. Indicator internals are
 * left to each indicator's own restore(), which reads them through typed readers
 * (indicators/core/state.ts) and fails with IndicatorStateError; the trial restore
 * (trial-restore.ts) turns that into a corrupt checkpoint.
 */
import { z } from 'zod';
import { count, finite, float64, float64Array, list, record, timeOrNaN } from './schema-parts.ts';
import { runConfigSchema } from './run-config-schema.ts';

/** What a closed bar and the partial bar both carry. */
const ohlcv = {
  open: float64,
  high: float64,
  low: float64,
  close: float64,
  volume: float64,
  ticks: count,
};

const bar = z.strictObject({ time: finite, ...ohlcv });

const partialBar = z.strictObject({
  start: finite,
  // -Infinity until the first tick opens a bucket.
  end: z.custom<number>((v) => v === -Infinity || Number.isFinite(v), 'expected a time'),
  ...ohlcv,
  lastTs: timeOrNaN,
});

const barHistory = z.strictObject({
  capacity: count.min(1),
  width: count.min(1),
  rows: float64Array,
});

const engineSnapshot = z.strictObject({
  config: runConfigSchema.pick({
    symbols: true,
    timeframes: true,
    indicators: true,
    price: true,
    historySize: true,
  }),
  consumed: list(count),
  barsClosed: list(count),
  partials: list(list(partialBar)),
  histories: list(list(barHistory)),
  indicators: list(list(list(z.unknown()))),
  queue: list(z.strictObject({ symbol: count, timeframe: count, bar })),
});

const nullablePrice = float64.nullable();

const position = z.strictObject({
  size: finite,
  entryPrice: float64,
  entryTime: timeOrNaN,
  entryCommission: finite,
  stopLoss: nullablePrice,
  takeProfit: nullablePrice,
  tradeId: count,
  // Format 3 (issue 12): swaps accrued on the open units, and the excursion extremes (NaN flat).
  swap: finite,
  worstPrice: float64,
  bestPrice: float64,
});

const order = z.strictObject({
  id: count.min(1),
  symbol: count,
  side: z.enum(['buy', 'sell']),
  size: finite.positive(),
  type: z.enum(['market', 'limit', 'stop']),
  price: nullablePrice,
  stopLoss: nullablePrice,
  takeProfit: nullablePrice,
  placedAt: timeOrNaN,
  reduceOnly: z.boolean(),
});

const portfolio = z.strictObject({
  symbols: list(z.string()),
  balance: finite,
  nextOrderId: count.min(1),
  nextTradeId: count.min(1),
  time: timeOrNaN,
  nextRollover: timeOrNaN,
  exposure: z.strictObject({
    inMarketMs: finite.min(0),
    firstTime: timeOrNaN,
    lastTime: timeOrNaN,
  }),
  books: list(
    z.strictObject({
      bid: float64,
      ask: float64,
      time: timeOrNaN,
      position,
      orders: list(order),
    }),
  ),
});

export const backtestSnapshotSchema = z.strictObject({
  engine: engineSnapshot,
  portfolio,
  // Plain values only; restore() refuses anything else (clonePlain) in the trial restore.
  strategyState: record(z.unknown()),
  equity: z.strictObject({
    time: timeOrNaN,
    balance: float64,
    equity: float64,
    peak: float64,
    margin: finite.min(0),
  }),
  // -Infinity before the first equity sample.
  lastSampleTime: z.custom<number>((v) => v === -Infinity || Number.isFinite(v), 'expected a time'),
});
