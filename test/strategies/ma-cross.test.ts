/**
 * ma-cross's decisions on single bars, with a hand-made context that answers only what ma-cross
 * reads. Full runs over ticks belong to the backtest runner's tests.
 */
import { describe, expect, it } from 'vitest';
import type { Bar } from '../../src/main/engine/mtf/bar.ts';
import type { Timeframe } from '../../src/main/engine/mtf/timeframes.ts';
import { maCross } from '../../src/main/engine/strategy/builtin/ma-cross.ts';
import { defaultSymbolSpec } from '../../src/shared/symbol-spec.ts';
import { parseParamArgs } from '../../src/main/engine/strategy/params.ts';
import type {
  OrderOptions,
  PositionView,
  StrategyContext,
} from '../../src/main/engine/strategy/types.ts';

type Call = [string, string, number?, OrderOptions?];

interface Market {
  /** Fast/slow MA on the H1 bar before and at the last close. */
  fast: [prev: number, now: number];
  slow: [prev: number, now: number];
  /** Close of the last D1 bar and its ema(50). */
  trendClose?: number;
  trendMa?: number;
  side?: PositionView['side'];
}

function bar(time: number, close: number): Bar {
  return { time, open: close, high: close, low: close, close, volume: 1, ticks: 1 };
}

function fakeCtx(m: Market, args: string[] = []): { ctx: StrategyContext; calls: Call[] } {
  const calls: Call[] = [];
  const values: Record<string, number> = {
    'H1 ema(10) 1': m.fast[0],
    'H1 ema(10) 0': m.fast[1],
    'H1 ema(30) 1': m.slow[0],
    'H1 ema(30) 0': m.slow[1],
    'D1 ema(50) 0': m.trendMa ?? NaN,
  };
  const ctx = {
    params: parseParamArgs(maCross.params, args),
    state: {},
    lotSize: 100_000,
    // Sizes and pips come from the symbol's spec: FX defaults (100 000 a lot, JPY pip 0.01).
    spec: (s: string) => defaultSymbolSpec(s),
    bar: (_s: string, tf: Timeframe, ago = 0) =>
      tf === 'D1' && ago === 0 && m.trendClose !== undefined ? bar(0, m.trendClose) : undefined,
    indicator: (_s: string, tf: Timeframe, column: string, ago = 0) => {
      const v = values[`${tf} ${column} ${ago}`];
      if (v === undefined)
        throw new Error(`ma-cross read an undeclared value ${tf} ${column} ${ago}`);
      return v;
    },
    account: {
      position: (symbol: string) => ({ symbol, side: m.side ?? 'flat' }) as PositionView,
    },
    buy: (s: string, size: number, o?: OrderOptions) => calls.push(['buy', s, size, o]),
    sell: (s: string, size: number, o?: OrderOptions) => calls.push(['sell', s, size, o]),
    close: (s: string) => void calls.push(['close', s]),
  } as unknown as StrategyContext;
  maCross.init(ctx);
  return { ctx, calls };
}

function onH1Bar(m: Market, args: string[] = [], symbol = 'EURUSD', tf: Timeframe = 'H1') {
  const { ctx, calls } = fakeCtx(m, args);
  maCross.onBar(ctx, { symbol, timeframe: tf, bar: bar(3_600_000, 1.1) });
  return calls;
}

const UP: Pick<Market, 'fast' | 'slow'> = { fast: [1.0, 1.2], slow: [1.1, 1.1] };
const DOWN: Pick<Market, 'fast' | 'slow'> = { fast: [1.2, 1.0], slow: [1.1, 1.1] };
const NO_STOPS = { stopLoss: null, takeProfit: null };

describe('ma-cross on a closed bar', () => {
  it('buys on a bullish cross when the last D1 close is above the trend MA', () => {
    expect(onH1Bar({ ...UP, trendClose: 1.2, trendMa: 1.0 })).toEqual([
      ['buy', 'EURUSD', 100_000, NO_STOPS],
    ]);
  });

  it('sells on a bearish cross when the last D1 close is below the trend MA', () => {
    expect(onH1Bar({ ...DOWN, trendClose: 0.9, trendMa: 1.0 }, ['lots=0.5'])).toEqual([
      ['sell', 'EURUSD', 50_000, NO_STOPS],
    ]);
  });

  it('counts "was equal, now above" as a cross, and "above on both bars" as none', () => {
    const trend = { trendClose: 1.2, trendMa: 1.0 };
    expect(onH1Bar({ fast: [1.1, 1.2], slow: [1.1, 1.1], ...trend })).toHaveLength(1);
    expect(onH1Bar({ fast: [1.2, 1.3], slow: [1.1, 1.1], ...trend })).toEqual([]);
  });

  it('does not trade against the trend filter, nor without a closed trend bar', () => {
    expect(onH1Bar({ ...UP, trendClose: 0.9, trendMa: 1.0 })).toEqual([]);
    expect(onH1Bar({ ...UP, trendMa: 1.0 })).toEqual([]);
    expect(onH1Bar({ ...UP, trendClose: 1.2, trendMa: NaN }), 'trend MA warming up').toEqual([]);
  });

  it('does nothing while the MAs warm up (NaN)', () => {
    expect(onH1Bar({ fast: [NaN, 1.2], slow: [1.1, 1.1], trendClose: 1.2, trendMa: 1 })).toEqual(
      [],
    );
  });

  it('reverses a short on a bullish cross when the trend agrees, else only closes it', () => {
    expect(onH1Bar({ ...UP, trendClose: 1.2, trendMa: 1.0, side: 'short' })).toEqual([
      ['close', 'EURUSD'],
      ['buy', 'EURUSD', 100_000, NO_STOPS],
    ]);
    expect(onH1Bar({ ...UP, trendClose: 0.9, trendMa: 1.0, side: 'short' })).toEqual([
      ['close', 'EURUSD'],
    ]);
  });

  it('keeps a long on another bullish cross (no second entry)', () => {
    expect(onH1Bar({ ...UP, trendClose: 1.2, trendMa: 1.0, side: 'long' })).toEqual([]);
  });

  it('ignores bars of other timeframes', () => {
    expect(onH1Bar({ ...UP, trendClose: 1.2, trendMa: 1.0 }, [], 'EURUSD', 'M15')).toEqual([]);
  });

  it('puts stops in pips from the close of the signal bar, 0.01 per pip on yen pairs', () => {
    const m = { ...UP, trendClose: 1.2, trendMa: 1.0 };
    const eur = onH1Bar(m, ['stopLossPips=20', 'takeProfitPips=40'])[0]![3]!;
    expect(eur.stopLoss).toBeCloseTo(1.098, 12);
    expect(eur.takeProfit).toBeCloseTo(1.104, 12);
    const jpy = onH1Bar(m, ['stopLossPips=20'], 'USDJPY')[0]![3]!;
    expect(jpy.stopLoss).toBeCloseTo(1.1 - 0.2, 12);
    expect(jpy.takeProfit).toBeNull();
    const short = onH1Bar({ ...DOWN, trendClose: 0.9, trendMa: 1 }, ['stopLossPips=10'])[0]![3]!;
    expect(short.stopLoss).toBeCloseTo(1.101, 12);
  });
});
