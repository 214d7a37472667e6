/**
 * Real checkpoints for the report tests: a busy backtest over generated ticks, stopped at chosen
 * tick counts; at each stop the Backtest's snapshot is wrapped in a CheckpointData (the run
 * fields filled by hand) and sent through the plain codec, as a checkpoint file would be. Next to
 * it, what the live objects said at that moment, to check the reports against.
 */
import { Backtest, type BacktestConfig } from '../../../src/main/engine/backtest/backtest.ts';
import type { Timeframe } from '../../../src/main/engine/mtf/timeframes.ts';
import { encodePlain } from '../../../src/main/engine/persist/plain-codec.ts';
import { decodePlain } from '../../../src/main/engine/persist/plain-decode.ts';
import {
  CHECKPOINT_FORMAT_VERSION,
  type CheckpointData,
} from '../../../src/main/services/checkpoints/checkpoint-data.ts';
import {
  engineConfigOf,
  portfolioConfigOf,
  type RunConfig,
} from '../../../src/main/services/runs/run-config.ts';
import { busyStrategy, generated, memorySource, Recording } from '../../backtest/fixtures.ts';

export const SYMBOLS = ['EURUSD', 'USDJPY'];
export const TIMEFRAMES: Timeframe[] = ['M1', 'M5', 'H1'];
/** sma(200) on H1 cannot warm up in two days: its value stays NaN. */
export const INDICATORS = ['ema(5)', 'rsi(7)', 'bbands(20,2)', 'sma(200)'];

export const runConfig: RunConfig = {
  symbols: SYMBOLS,
  from: null,
  to: null,
  timeframes: TIMEFRAMES,
  indicators: INDICATORS,
  price: 'bid',
  historySize: 100,
  strategy: { name: 'busy', params: {}, file: null },
  account: { balance: 10_000, lotSize: 100_000, commissionPerLot: 3.5, slippage: 0.00001 },
};

const data = generated(SYMBOLS, 2);
export const TICKS_TOTAL = data.flat().reduce((n, b) => n + b.length, 0);

/** A running backtest that can be advanced and checkpointed. */
export function startRun(config: RunConfig = runConfig) {
  const rec = new Recording();
  const btConfig: BacktestConfig = {
    engine: engineConfigOf(config),
    portfolio: portfolioConfigOf(config),
    strategy: { module: busyStrategy, params: {}, file: null },
  };
  const bt = new Backtest(btConfig, { bars: rec, trades: rec, equity: rec });
  bt.start();
  const merger = bt.merger(data.map((d) => memorySource(d)));
  let seq = 0;
  return {
    bt,
    rec,
    /** Feeds `n` ticks (all of them must exist). */
    feed(n: number): void {
      let left = n;
      while (left > 0) left -= merger.step(bt.engine, left);
    },
    /** The checkpoint of the run as it stands, decoded from its bytes. */
    checkpoint(overrides: Partial<CheckpointData> = {}): CheckpointData {
      const state = bt.snapshot();
      const trades = rec.events.filter((e) => e[0] === 'trade');
      const committed = Math.floor(trades.length / 2);
      const cp: CheckpointData = {
        formatVersion: CHECKPOINT_FORMAT_VERSION,
        appVersion: '0.0.0-test',
        runId: 'run-1',
        seq: ++seq,
        config,
        configHash: 'hash-of-config',
        fingerprint: [],
        cursor: [...state.engine.consumed],
        ticks: state.engine.consumed.reduce((a, b) => a + b, 0),
        ticksTotal: TICKS_TOTAL,
        simTime: bt.portfolio.lastTime(),
        state,
        history: 'embedded',
        historyRows: state.engine.histories.map((row) => row.map((h) => h.rows.length / h.width)),
        historyOldest: state.engine.histories.map((row) =>
          row.map((h) => (h.rows.length > 0 ? h.rows[0] : null)),
        ),
        watermarks: {
          bars: SYMBOLS.map(() => TIMEFRAMES.map(() => null)),
          tradeSeq: committed,
          equityTime: null,
          rejectionSeq: 0,
        },
        pending: { bars: [], trades: trades.slice(committed), equity: [], rejections: [] },
        meta: {
          trigger: 'manual',
          wallTime: Date.UTC(2025, 0, 2, 3, 4, 5),
          elapsedSeconds: 1.5,
          ticksPerSec: 123_456,
        },
        ...overrides,
      };
      return decodePlain(encodePlain(cp)) as CheckpointData;
    },
  };
}

/** Closed bars per timeframe index that the sink saw so far. */
export function barsSeen(rec: Recording): number[] {
  const n = TIMEFRAMES.map(() => 0);
  for (const e of rec.events) if (e[0] === 'bar') n[e[2] as number]++;
  return n;
}

/** The bars the sink saw for one (symbol, timeframe), as [time, ...] events. */
export function barEvents(rec: Recording, s: number, k: number): unknown[][] {
  return rec.events.filter((e) => e[0] === 'bar' && e[1] === s && e[2] === k);
}
