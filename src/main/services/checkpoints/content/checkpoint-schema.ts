/**
 * Schema of CheckpointData (checkpoint-data.ts), format version 3: the shape of every field,
 * strict about types, integrality and signs. Relations between fields (lengths matching the
 * config, Σ cursor, watermarks against the state…) are checked after this, in
 * content-checks.ts, where each failure can be named in words.
 */
import { z } from 'zod';
import { TIMEFRAMES } from '../../../engine/mtf/timeframes.ts';
import { CHECKPOINT_FORMAT_VERSION } from '../checkpoint-data.ts';
import { runConfigSchema } from './run-config-schema.ts';
import { bytes, count, finite, float64, list, timeOrNaN } from './schema-parts.ts';
import { backtestSnapshotSchema } from './snapshot-schema.ts';

const fingerprint = z.strictObject({
  symbol: z.string(),
  tickCount: count,
  firstTs: timeOrNaN,
  lastTs: timeOrNaN,
  contentHash: z.string(),
});

const watermarks = z.strictObject({
  bars: list(list(finite.nullable())),
  tradeSeq: count,
  equityTime: finite.nullable(),
  rejectionSeq: count,
});

/** Rows as RunRecorder queues them (see its onBarClosed / onTrade / onEquity / onReject). */
const pendingBar = z.tuple([
  z.string(),
  z.enum(TIMEFRAMES),
  finite,
  float64,
  float64,
  float64,
  float64,
  float64,
  count,
  bytes.refine((b) => b.length % 8 === 0, 'indicator values are 8 bytes each'),
]);
const pendingTrade = z.tuple([
  count.min(1),
  count.min(1),
  z.string(),
  z.enum(['long', 'short']),
  finite,
  finite,
  float64,
  finite,
  float64,
  z.enum(['signal', 'stop-loss', 'take-profit', 'end-of-data', 'stop-out']),
  float64,
  float64,
  float64,
  // swap, MAE pips and money, MFE pips and money (format 3)
  float64,
  float64,
  float64,
  float64,
  float64,
]);
/** Since migration 14 a row ends with the stop-loss and take-profit (null: none). */
const pendingTradeWithStops = z.tuple([
  ...pendingTrade.def.items,
  float64.nullable(),
  float64.nullable(),
]);
/** time, balance, equity, drawdown, drawdown %, used margin, margin level (null: no margin). */
const pendingEquity = z.tuple([
  finite,
  float64,
  float64,
  float64,
  float64,
  float64,
  float64.nullable(),
]);
/** seq, time, order id, symbol, side, units, reason, required margin, free margin. */
const pendingRejection = z.tuple([
  count.min(1),
  finite,
  count.min(1),
  z.string(),
  z.enum(['buy', 'sell']),
  finite,
  z.string(),
  float64,
  float64,
]);

export const checkpointDataSchema = z.strictObject({
  formatVersion: z.literal(CHECKPOINT_FORMAT_VERSION),
  appVersion: z.string(),
  runId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[\w.-]+$/, 'not a run id'),
  seq: count,
  config: runConfigSchema,
  configHash: z.string().regex(/^[0-9a-f]{16}$/, 'not an xxHash64 in hex'),
  fingerprint: list(fingerprint),
  cursor: list(count),
  ticks: count,
  ticksTotal: count,
  simTime: timeOrNaN,
  state: backtestSnapshotSchema,
  history: z.enum(['store', 'embedded']),
  historyRows: list(list(count)),
  historyOldest: list(list(finite.nullable())),
  watermarks,
  pending: z.strictObject({
    bars: list(pendingBar),
    trades: list(z.union([pendingTradeWithStops, pendingTrade])),
    equity: list(pendingEquity),
    rejections: list(pendingRejection),
  }),
  meta: z.strictObject({
    trigger: z.enum([
      'interval',
      'ticks',
      'manual',
      'pause',
      'shutdown',
      'end',
      'fork',
      'savepoint',
    ]),
    wallTime: finite,
    elapsedSeconds: finite.min(0),
    ticksPerSec: finite.min(0),
  }),
});
