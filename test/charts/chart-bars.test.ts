/**
 * charts:bars through a real backend: windows of stored bars, bars rebuilt from ticks equal to the
 * recorded ones, indicator values equal to the same indicator over the whole series, and clear
 * errors for requests the run cannot answer.
 */
import { describe, expect, it } from 'vitest';
import type { ChartData } from '../../src/shared/charts.ts';
import type { Backend } from '../../src/main/services/api/backend.ts';
import { completedRun, useBackends } from '../api/helpers.ts';

const backendIn = useBackends();
const ARGS = {
  symbols: ['EURUSD'],
  strategy: 'ma-cross',
  params: { timeframe: 'M5', trendTimeframe: 'H1', trendPeriod: 10, lots: 0.5 },
  checkpoints: null,
};
const ALL = { from: null, to: null, maxBars: 20_000 };

function bars(backend: Backend, runId: string, extra: object): Promise<ChartData> {
  return backend.invoke('charts:bars', {
    runId,
    symbol: 'EURUSD',
    timeframe: 'M5',
    ...ALL,
    ...extra,
  });
}

describe('charts:bars', () => {
  it('serves windows of the stored bars and rebuilds identical ones from ticks', async () => {
    const stored = await completedRun(backendIn, ARGS);
    const noBars = await completedRun(backendIn, { ...ARGS, record: ['trades', 'equity'] });
    for (const timeframe of ['M5', 'H1']) {
      const a = await bars(stored.backend, stored.runId, { timeframe });
      const b = await bars(noBars.backend, noBars.runId, { timeframe });
      expect(a.source).toBe('stored');
      expect(b.source).toBe('rebuilt');
      expect(a.bars.length).toBeGreaterThan(timeframe === 'M5' ? 500 : 40);
      expect(b.bars).toEqual(a.bars);
      expect(b.extent).toEqual(a.extent);
      expect(a.extent).toEqual({ first: a.bars[0].time, last: a.bars.at(-1)!.time });
      expect([a.moreBefore, a.moreAfter]).toEqual([false, false]);
    }

    for (const { backend, runId } of [stored, noBars]) {
      const all = (await bars(backend, runId, {})).bars;
      const from = all[100].time;
      const to = all[399].time;
      const newest = await bars(backend, runId, { from, to, maxBars: 50 });
      expect(newest.bars).toEqual(all.slice(350, 400));
      expect([newest.moreBefore, newest.moreAfter]).toEqual([true, true]);
      const oldest = await bars(backend, runId, { from, to, maxBars: 50, anchor: 'from' });
      expect(oldest.bars).toEqual(all.slice(100, 150));
      const head = await bars(backend, runId, { to, maxBars: 20_000 });
      expect(head.bars).toEqual(all.slice(0, 400));
      expect([head.moreBefore, head.moreAfter]).toEqual([false, true]);
      const tail = await bars(backend, runId, { from, maxBars: 20_000 });
      expect(tail.bars).toEqual(all.slice(100));
      expect([tail.moreBefore, tail.moreAfter]).toEqual([true, false]);
      // Between two bars: nothing, but the bars on both sides are announced.
      const gap = await bars(backend, runId, { from: from + 1, to: from + 2 });
      expect(gap.bars).toEqual([]);
      expect([gap.moreBefore, gap.moreAfter]).toEqual([true, true]);
    }
  }, 180_000);

  it('computes indicators over the bars before the window as the run did', async () => {
    const { backend, runId } = await completedRun(backendIn, {
      ...ARGS,
      record: ['bars', 'equity'],
    });
    const specs = ['sma(10)', 'EMA(30)', 'bbands(20,2)', 'rsi', 'obv', 'vwap', 'macd', 'nope(3)'];
    const whole = await bars(backend, runId, { indicators: specs });
    const all = whole.bars;
    const win = await bars(backend, runId, {
      from: all[300].time,
      to: all[349].time,
      indicators: specs,
    });
    expect(win.bars).toEqual(all.slice(300, 350));
    expect(win.errors).toHaveLength(1);
    expect(win.errors[0]).toMatch(/'nope\(3\)'.*unknown indicator/);
    expect(win.indicators.map((i) => [i.spec, i.placement])).toEqual([
      ['sma(10)', 'price'],
      ['ema(30)', 'price'],
      ['bbands(20,2)', 'price'],
      ['rsi(14)', 'pane'],
      ['obv', 'pane'],
      ['vwap', 'price'],
      ['macd(12,26,9)', 'pane'],
    ]);
    win.indicators.forEach((series, s) => {
      const full = whole.indicators[s];
      expect(series.columns).toEqual(full.columns);
      series.values.forEach((column, c) => {
        expect(column).toHaveLength(50);
        const expected = full.values[c].slice(300, 350);
        column.forEach((v, i) => {
          expect(v).not.toBeNull();
          // Exponential smoothing starts from other bars; its start is forgotten to ~1e-15.
          expect(Math.abs(v! - expected[i]!)).toBeLessThanOrEqual(1e-12 * Math.abs(expected[i]!));
        });
      });
    });
    // The whole series warms up from its first bar: null exactly until the first output.
    const sma = whole.indicators[0].values[0];
    expect(sma.slice(0, 9).every((v) => v === null)).toBe(true);
    expect(sma[9]).toBeCloseTo(all.slice(0, 10).reduce((a, b) => a + b.close, 0) / 10, 12);
  }, 120_000);

  it('names what is wrong with a request', async () => {
    const { backend, runId } = await completedRun(backendIn, {
      ...ARGS,
      timeframes: ['M5', 'H1'],
    });
    await expect(bars(backend, 'no-such-run', {})).rejects.toThrow(/no-such-run/);
    await expect(bars(backend, runId, { symbol: 'GBPUSD' })).rejects.toThrow(
      /symbol.*GBPUSD.*EURUSD/,
    );
    await expect(bars(backend, runId, { timeframe: 'D1' })).rejects.toThrow(/timeframe.*D1/);
    await expect(bars(backend, runId, { from: 2, to: 1 })).rejects.toThrow(/from.*after to/);
    await expect(bars(backend, runId, { maxBars: 20_001 })).rejects.toThrow(/maxBars/);
  }, 120_000);
});
