/** Spec parsing, canonical specs, column names and the IndicatorSpecError listing. */
import { describe, expect, it } from 'vitest';
import {
  canonicalSpec,
  createIndicator,
  indicatorCatalog,
  IndicatorSpecError,
  parseIndicatorList,
} from '../index.ts';

const LISTING =
  'valid: sma(n=20), ema(n=20), wma(n=20), dema(n=20), tema(n=20), rsi(n=14), bbands(n=20,k=2), ' +
  'macd(fast=12,slow=26,signal=9), stoch(k=14,smoothK=3,d=3), willr(n=14), cci(n=14), atr(n=14), adx(n=14), ' +
  'sar(step=0.02,max=0.2), obv, vwap, keltner(n=20,mult=2), donchian(n=20)';

describe('registry', () => {
  it('registers exactly the required indicators', () => {
    expect(indicatorCatalog.map((d) => d.name)).toEqual([
      'sma',
      'ema',
      'wma',
      'dema',
      'tema',
      'rsi',
      'bbands',
      'macd',
      'stoch',
      'willr',
      'cci',
      'atr',
      'adx',
      'sar',
      'obv',
      'vwap',
      'keltner',
      'donchian',
    ]);
  });

  it.each([
    ['sma(20)', 'sma(20)', ['sma_20']],
    [
      'bbands(20,2)',
      'bbands(20,2)',
      ['bbands_20_2_upper', 'bbands_20_2_middle', 'bbands_20_2_lower'],
    ],
    [
      'macd(12,26,9)',
      'macd(12,26,9)',
      ['macd_12_26_9_macd', 'macd_12_26_9_signal', 'macd_12_26_9_hist'],
    ],
    ['stoch(14,3,3)', 'stoch(14,3,3)', ['stoch_14_3_3_k', 'stoch_14_3_3_d']],
    ['adx(14)', 'adx(14)', ['adx_14_adx', 'adx_14_pdi', 'adx_14_mdi']],
    [
      'keltner(20,2)',
      'keltner(20,2)',
      ['keltner_20_2_upper', 'keltner_20_2_middle', 'keltner_20_2_lower'],
    ],
    [
      'donchian(20)',
      'donchian(20)',
      ['donchian_20_upper', 'donchian_20_middle', 'donchian_20_lower'],
    ],
    ['sar(0.02,0.2)', 'sar(0.02,0.2)', ['sar_0.02_0.2']],
    ['obv', 'obv', ['obv']],
    ['obv()', 'obv', ['obv']],
    ['vwap', 'vwap', ['vwap']],
    [' RSI ', 'rsi(14)', ['rsi_14']],
    ['Ema( 50 )', 'ema(50)', ['ema_50']],
    [
      'bbands ( 20 , 2.50 )',
      'bbands(20,2.5)',
      ['bbands_20_2.5_upper', 'bbands_20_2.5_middle', 'bbands_20_2.5_lower'],
    ],
    ['sma(2e1)', 'sma(20)', ['sma_20']],
    ['sar', 'sar(0.02,0.2)', ['sar_0.02_0.2']],
    ['stoch()', 'stoch(14,3,3)', ['stoch_14_3_3_k', 'stoch_14_3_3_d']],
    ['willr', 'willr(14)', ['willr_14']],
    ['cci', 'cci(14)', ['cci_14']],
    ['atr(1)', 'atr(1)', ['atr_1']],
    ['wma', 'wma(20)', ['wma_20']],
    ['dema(10)', 'dema(10)', ['dema_10']],
    ['tema', 'tema(20)', ['tema_20']],
  ])('%j -> %s with columns %j', (input, spec, columns) => {
    const ind = createIndicator(input);
    expect(ind.spec).toBe(spec);
    expect(canonicalSpec(input)).toBe(spec);
    expect(ind.columns).toEqual(columns);
  });

  it.each([
    ['', 'expected name'],
    ['foo(3)', "unknown indicator 'foo'"],
    ['sma(20,3)', 'takes 1 argument(s), got 2'],
    ['bbands(20)', 'takes 2 argument(s), got 1'],
    ['obv(1)', 'takes 0 argument(s), got 1'],
    ['sma(2.5)', 'n must be an integer'],
    ['sma(0)', 'n must be >= 2'],
    ['sma(-5)', 'n must be >= 2'],
    ['rsi(1)', 'n must be >= 2'],
    ['atr(0)', 'n must be >= 1'],
    ['sma(100001)', 'n must be <= 100000'],
    ['sma(abc)', "n 'abc' is not a number"],
    ['sma(2 0)', "n '2 0' is not a number"],
    ['sma(,)', 'takes 1 argument(s), got 2'],
    ['s ma(20)', 'expected name'],
    ['sma(20', 'expected name'],
    ['sma(1e999)', 'n must be finite'],
    ['bbands(20,0)', 'k must be > 0'],
    ['macd(26,12,9)', 'macd needs fast < slow'],
    ['macd(12,12,9)', 'macd needs fast < slow'],
    ['sar(0.3,0.2)', 'sar needs step <= max'],
    ['keltner(20,-1)', 'mult must be > 0'],
  ])('rejects %j (%s) and lists the valid specs', (input, problem) => {
    let error: unknown;
    try {
      createIndicator(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IndicatorSpecError);
    const message = (error as Error).message;
    expect(message).toContain(`invalid indicator spec '${input}'`);
    expect(message).toContain(problem);
    expect(message).toContain(LISTING);
  });
});

describe('parseIndicatorList', () => {
  it('splits at top-level commas only', () => {
    expect(parseIndicatorList('ema(20),rsi(14),bbands(20,2)')).toEqual([
      'ema(20)',
      'rsi(14)',
      'bbands(20,2)',
    ]);
    expect(parseIndicatorList('macd(12,26,9),stoch(5,3,2),sar(0.02,0.2)')).toEqual([
      'macd(12,26,9)',
      'stoch(5,3,2)',
      'sar(0.02,0.2)',
    ]);
  });

  it('is whitespace tolerant, canonicalises and fills defaults for bare names', () => {
    expect(parseIndicatorList('  EMA( 20 ) , rsi ,\tbbands(20, 2) ,obv(), vwap ')).toEqual([
      'ema(20)',
      'rsi(14)',
      'bbands(20,2)',
      'obv',
      'vwap',
    ]);
    expect(parseIndicatorList('rsi')).toEqual(['rsi(14)']);
  });

  it('gives [] for an empty or blank list', () => {
    expect(parseIndicatorList('')).toEqual([]);
    expect(parseIndicatorList('   ')).toEqual([]);
  });

  it.each([
    ['ema(20),,rsi', 'empty item'],
    ['ema(20),', 'empty item'],
    ['ema(20', 'unbalanced'],
    ['ema(20)),rsi', 'unbalanced'],
    ['rsi,rsi(14)', 'duplicate indicator rsi(14)'],
    ['ema(20), nope ', "invalid indicator spec 'nope': unknown indicator 'nope'"],
  ])('rejects %j (%s)', (input, problem) => {
    expect(() => parseIndicatorList(input)).toThrow(IndicatorSpecError);
    expect(() => parseIndicatorList(input)).toThrow(problem);
  });
});
