import { describe, expect, it } from 'vitest';
import { MtfEngine } from '../../src/main/engine/mtf/mtf-engine.ts';
import { MAX_NOT_READY_WARNINGS, runWarnings } from '../../src/main/engine/results/run-warnings.ts';
import { batchOf } from '../mtf/helpers.ts';

/**
 * Two symbols on M1 and H1 with sma(3) and ema(5); EURUSD gets ticks at 10:00 … 10:05 (6 M1 bars
 * closed by finish(), 1 H1 bar), GBPUSD at 10:00 … 10:02 only (3 M1 bars, 1 H1 bar).
 */
function engine(historySize = 100, indicators = ['sma(3)', 'ema(5)']): MtfEngine {
  const e = new MtfEngine({
    symbols: ['EURUSD', 'GBPUSD'],
    timeframes: ['M1', 'H1'],
    indicators,
    price: 'bid',
    historySize,
  });
  const minutes = (n: number) =>
    batchOf(
      Array.from({ length: n }, (_, i) => ({ t: Date.UTC(2024, 0, 2, 10, i), bid: 1 + i / 100 })),
    );
  const eur = minutes(6);
  e.processRange(0, eur, 0, eur.length);
  const gbp = minutes(3);
  e.processRange(1, gbp, 0, gbp.length);
  e.finish();
  return e;
}

const base = { strategy: 'demo', trades: 0, rejectedOrders: 0 };

describe('runWarnings', () => {
  it('one sentence per (symbol, timeframe, indicator) whose bars never reached its need', () => {
    const w = runWarnings({
      ...base,
      engine: engine(),
      needs: { indicators: ['ema(5)', 'sma(3)'] },
    });
    // No timeframes named: the run's (M1, H1). ema(5) needs 5 bars, sma(3) needs 3.
    // EURUSD M1: 6 bars, both ready. GBPUSD M1: 3 bars → ema(5) not. H1: 1 bar each → both not.
    expect(w).toEqual([
      'demo made no trade: ema(5) on EURUSD H1 needs 5 bars, the data gave 1',
      'demo made no trade: sma(3) on EURUSD H1 needs 3 bars, the data gave 1',
      'demo made no trade: ema(5) on GBPUSD M1 needs 5 bars, the data gave 3',
      'demo made no trade: ema(5) on GBPUSD H1 needs 5 bars, the data gave 1',
      'demo made no trade: sma(3) on GBPUSD H1 needs 3 bars, the data gave 1',
    ]);
  });

  it('only on the timeframes the strategy names; ready everywhere: the generic sentence', () => {
    const w = runWarnings({
      ...base,
      engine: engine(),
      needs: { timeframes: ['M1'], indicators: ['sma(3)'] },
    });
    expect(w).toEqual([
      'demo made no trade although its indicators were ready within the data (sma(3)): its conditions were never met',
    ]);
  });

  it('a full history gives only a floor: the indicator value decides', () => {
    // History of 2 bars: EURUSD M1 has "at least 2"; sma(3) has a value there, ema(5) too (6 bars).
    // GBPUSD M1 (3 bars): sma(3) has a value, ema(5) has none → "at least 2".
    const w = runWarnings({
      ...base,
      engine: engine(2),
      needs: { timeframes: ['M1'], indicators: ['sma(3)', 'ema(5)'] },
    });
    expect(w).toEqual([
      'demo made no trade: ema(5) on GBPUSD M1 needs 5 bars, the data gave at least 2',
    ]);
  });

  it('caps the sentences: the last one counts the rest', () => {
    const specs = ['sma(10)', 'sma(11)', 'sma(12)'];
    // 2 symbols × 2 timeframes × 3 SMAs longer than any series: 12 sentences → 7 and "5 more".
    const w = runWarnings({ ...base, engine: engine(100, specs), needs: { indicators: specs } });
    expect(w).toHaveLength(MAX_NOT_READY_WARNINGS);
    expect(w[0]).toBe('demo made no trade: sma(10) on EURUSD M1 needs 10 bars, the data gave 6');
    expect(w.at(-1)).toBe('… and 5 more indicators that never had enough bars');
  });

  it('nothing about readiness when the strategy traded; refused orders are counted', () => {
    const needs = { indicators: ['ema(5)'] };
    expect(runWarnings({ ...base, trades: 4, engine: engine(), needs })).toEqual([]);
    expect(runWarnings({ ...base, trades: 4, rejectedOrders: 3, engine: engine(), needs })).toEqual(
      ['3 orders were refused for want of free margin'],
    );
  });

  it('no trade with every indicator ready and orders refused: the refusals are the reason', () => {
    const w = runWarnings({
      ...base,
      rejectedOrders: 5,
      engine: engine(),
      needs: { timeframes: ['M1'], indicators: ['sma(3)'] },
    });
    expect(w).toEqual([
      'demo made no trade: every order it placed was refused',
      '5 orders were refused for want of free margin',
    ]);
  });
});
