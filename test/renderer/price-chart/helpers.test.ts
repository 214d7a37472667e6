import { describe, expect, it } from 'vitest';
import type { ChartData } from '../../../src/shared/charts.ts';
import type { TradeDto } from '../../../src/shared/dto.ts';
import {
  EMPTY_CACHE,
  MAX_CACHED_BARS,
  mergeWindow,
} from '../../../src/renderer/src/components/price-chart/chart-rows.ts';
import { followRange } from '../../../src/renderer/src/components/price-chart/chart-link.ts';
import { indicatorLines } from '../../../src/renderer/src/components/price-chart/indicator-series.ts';
import {
  edgeToLoad,
  requestGate,
  windowAround,
} from '../../../src/renderer/src/components/price-chart/range-math.ts';
import {
  levelSegments,
  tradeMarkers,
} from '../../../src/renderer/src/components/price-chart/trade-overlays.ts';

const M = 60_000;
const T0 = Date.UTC(2024, 0, 2);

function window(first: number, count: number, over: Partial<ChartData> = {}): ChartData {
  const bars = Array.from({ length: count }, (_, i) => {
    const time = T0 + (first + i) * M;
    return { time, open: 1, high: 2, low: 0.5, close: 1 + i / 1000, volume: 1 };
  });
  return {
    symbol: 'EURUSD',
    timeframe: 'M1',
    source: 'stored',
    bars,
    indicators: [
      {
        spec: 'ema(3)',
        placement: 'price',
        columns: ['ema_3'],
        values: [bars.map((b) => b.close)],
      },
    ],
    extent: { first: T0, last: T0 + 100_000 * M },
    moreBefore: true,
    moreAfter: false,
    errors: [],
    ...over,
  };
}

function trade(id: number, over: Partial<TradeDto> = {}): TradeDto {
  return {
    ...{ id, symbol: 'EURUSD', side: 'long', size: 100_000, lots: 1, exitReason: 'signal' },
    ...{ entryTime: T0 + (id * 10 + 2) * M + 5_000, entryPrice: 1.1 },
    ...{ exitTime: T0 + (id * 10 + 6) * M + 7_000, exitPrice: 1.2, grossPnl: 5, commission: 0 },
    ...{ swap: 0, netPnl: id % 2 ? 5 : -5, maePips: 0, maeMoney: 0, mfePips: 0, mfeMoney: 0 },
    ...{ stopLoss: 1.09, takeProfit: 1.15 },
    ...over,
  };
}

describe('price chart window merging', () => {
  it('merges overlapping pages by time without duplicates, the newest answer winning', () => {
    const a = mergeWindow(EMPTY_CACHE, window(100, 50), 0);
    const b = mergeWindow(a, window(60, 50, { moreBefore: false }), 0);
    const times = b.rows.map((r) => r.bar.time);
    expect(times).toHaveLength(90);
    expect(new Set(times).size).toBe(90);
    expect(times).toEqual([...times].sort((x, y) => x - y));
    // Bar 100 was in both: the later page's close (index 40 of it) replaced the first's.
    expect(b.rows.find((r) => r.bar.time === T0 + 100 * M)?.bar.close).toBeCloseTo(1.04);
    expect(b.rows.find((r) => r.bar.time === T0 + 100 * M)?.ind['ema(3)']).toEqual([1.04]);
    expect(b.moreBefore).toBe(false);
    expect(b.moreAfter).toBe(false);
  });

  it('keeps the cache bounded, dropping the far end and marking it as having more', () => {
    let c = mergeWindow(EMPTY_CACHE, window(0, 15_000, { moreBefore: false }), 0);
    c = mergeWindow(c, window(15_000, 15_000), 0);
    expect(c.rows).toHaveLength(MAX_CACHED_BARS);
    expect(c.rows[0].bar.time).toBe(T0);
    expect(c.moreAfter).toBe(true);
    expect(c.moreBefore).toBe(false);
  });
});

describe('price chart range math', () => {
  it('asks for the end the visible range nears, only where there is more', () => {
    const more = { before: true, after: true };
    expect(edgeToLoad({ from: 10, to: 150 }, 1500, more)).toBe('before');
    expect(edgeToLoad({ from: 1300, to: 1450 }, 1500, more)).toBe('after');
    expect(edgeToLoad({ from: 600, to: 750 }, 1500, more)).toBeNull();
    expect(edgeToLoad({ from: 10, to: 150 }, 1500, { before: false, after: true })).toBeNull();
  });

  it('centres the window around a trade', () => {
    const w = windowAround(T0 + 1000 * M, T0 + 1010 * M, 'M1');
    expect(w.anchor).toBe('from');
    expect(w.from).toBe(T0 + (1005 - 750) * M);
  });

  it('treats every answer but the newest request as stale', () => {
    const gate = requestGate();
    const first = gate.next();
    const second = gate.next();
    expect(gate.isCurrent(first)).toBe(false);
    expect(gate.isCurrent(second)).toBe(true);
    gate.invalidate();
    expect(gate.isCurrent(second)).toBe(false);
  });
});

describe('trade overlays', () => {
  const times = Array.from({ length: 200 }, (_, i) => T0 + i * M);
  const trades = [trade(1), trade(2, { side: 'short' }), trade(3, { symbol: 'GBPUSD' })];

  it('marks entry and exit of every trade of the symbol on the bar containing it', () => {
    const ms = tradeMarkers(trades, 'EURUSD', times, M);
    expect(ms).toHaveLength(4);
    expect(ms.map((m) => [m.tradeId, m.kind, m.shape, m.tone])).toEqual([
      [1, 'entry', 'arrowUp', 'long'],
      [1, 'exit', 'circle', 'win'],
      [2, 'entry', 'arrowDown', 'short'],
      [2, 'exit', 'circle', 'loss'],
    ]);
    expect(ms[0].time).toBe(T0 + 12 * M);
    expect(ms[0].text).toContain('1');
    expect(tradeMarkers(trades, 'EURUSD', times.slice(0, 15), M)).toHaveLength(1);
  });

  it('draws SL/TP as entry-to-exit segments separated by gaps', () => {
    const sl = levelSegments(trades, 'EURUSD', 'stopLoss', times, M);
    expect(sl).toEqual([
      { time: T0 + 12 * M, value: 1.09 },
      { time: T0 + 16 * M, value: 1.09 },
      { time: T0 + 17 * M, value: null },
      { time: T0 + 22 * M, value: 1.09 },
      { time: T0 + 26 * M, value: 1.09 },
      { time: T0 + 27 * M, value: null },
    ]);
    const none = levelSegments([trade(1, { takeProfit: null })], 'EURUSD', 'takeProfit', times, M);
    expect(none).toEqual([]);
  });
});

describe('indicator series and the equity follow', () => {
  it('maps price indicators to the candles pane and pane indicators below, with guide levels', () => {
    const data = window(0, 5, {
      indicators: [
        {
          spec: 'bbands(20,2)',
          placement: 'price',
          columns: ['u', 'm', 'l'],
          values: [[], [], []],
        },
        {
          spec: 'rsi(14)',
          placement: 'pane',
          columns: ['rsi_14'],
          values: [[null, 50, 60, 70, 80]],
        },
        {
          spec: 'macd(12,26,9)',
          placement: 'pane',
          columns: ['macd', 'sig', 'hist'],
          values: [[], [], []],
        },
      ],
    });
    const c = mergeWindow(EMPTY_CACHE, data, 0);
    const lines = indicatorLines(c, ['bbands(20, 2)', 'RSI(14)', 'macd(12,26,9)']);
    expect(lines.map((l) => [l.column, l.pane, l.style])).toEqual([
      ['u', 0, 'line'],
      ['m', 0, 'line'],
      ['l', 0, 'line'],
      ['rsi_14', 1, 'line'],
      ['macd', 2, 'line'],
      ['sig', 2, 'line'],
      ['hist', 2, 'histogram'],
    ]);
    expect(lines[3].levels).toEqual([30, 70]);
    expect(lines[3].points.map((p) => p.value)).toEqual([null, 50, 60, 70, 80]);
  });

  it('shows only the equity inside the visible range when following', () => {
    const eq = [1, 2, 3, 4, 5].map((i) => ({ time: i * M, equity: i }));
    expect(followRange(eq, { from: 2 * M, to: 4 * M }, true).map((p) => p.equity)).toEqual([
      2, 3, 4,
    ]);
    expect(followRange(eq, { from: 2 * M, to: 4 * M }, false)).toHaveLength(5);
  });
});
