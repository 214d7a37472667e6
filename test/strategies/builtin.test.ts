import { describe, expect, it } from 'vitest';
import { canonicalSpec, createIndicator } from '../../src/main/engine/indicators/index.ts';
import { isTimeframe } from '../../src/main/engine/mtf/timeframes.ts';
import { BUILTIN_STRATEGIES } from '../../src/main/engine/strategy/builtin/index.ts';
import {
  parseParamArgs,
  StrategyParamError,
  validateParamSchema,
} from '../../src/main/engine/strategy/params.ts';
import type {
  ParamValues,
  StrategyContext,
  StrategyModule,
} from '../../src/main/engine/strategy/types.ts';

function builtin(name: string): StrategyModule {
  const s = BUILTIN_STRATEGIES.find((m) => m.name === name);
  if (!s) throw new Error(`no built-in ${name}`);
  return s;
}

function params(s: StrategyModule, args: string[] = []): ParamValues {
  return parseParamArgs(s.params, args);
}

/** Only what init() may touch: params and state. Anything else it reads fails loudly. */
function initCtx(values: ParamValues): StrategyContext {
  return { params: values, state: {} } as unknown as StrategyContext;
}

function initError(s: StrategyModule, args: string[]): string {
  try {
    s.init(initCtx(params(s, args)));
  } catch (err) {
    expect(err).toBeInstanceOf(StrategyParamError);
    return (err as Error).message;
  }
  throw new Error(`${s.name} init accepted ${args.join(' ')}`);
}

describe('built-in strategies', () => {
  it('are ma-cross, rsi-reversion and donchian-breakout, in that order', () => {
    expect(BUILTIN_STRATEGIES.map((s) => s.name)).toEqual([
      'ma-cross',
      'rsi-reversion',
      'donchian-breakout',
    ]);
  });

  for (const s of BUILTIN_STRATEGIES) {
    describe(s.name, () => {
      it('has a valid name, description and params schema (as strict as for user files)', () => {
        expect(s.name, 'lowercase kebab-case').toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(s.description.length).toBeGreaterThan(10);
        expect(validateParamSchema(s.params, s.name)).toEqual(s.params);
        expect(s.params.map((p) => p.name)).toContain('lots');
      });

      it('requires timeframes and canonical indicator specs the registry accepts', () => {
        const needs = s.requires!(params(s));
        expect(needs.timeframes!.length).toBeGreaterThan(0);
        for (const tf of needs.timeframes!) expect(isTimeframe(tf), tf).toBe(true);
        expect(new Set(needs.timeframes).size, 'no repeated timeframe').toBe(
          needs.timeframes!.length,
        );
        for (const spec of needs.indicators!) {
          expect(() => createIndicator(spec), spec).not.toThrow();
          expect(canonicalSpec(spec), 'canonical, so run configs compare equal').toBe(spec);
        }
        expect(new Set(needs.indicators).size, 'no repeated indicator').toBe(
          needs.indicators!.length,
        );
      });

      it('initialises with the defaults and keeps only plain data in ctx.state', () => {
        const ctx = initCtx(params(s));
        s.init(ctx);
        expect(JSON.parse(JSON.stringify(ctx.state))).toEqual(ctx.state);
      });
    });
  }

  it('ma-cross requires its timeframe, the trend timeframe and the three MAs', () => {
    const s = builtin('ma-cross');
    expect(s.requires!(params(s))).toEqual({
      timeframes: ['H1', 'D1'],
      indicators: ['ema(10)', 'ema(30)', 'ema(50)'],
    });
    expect(
      s.requires!(params(s, ['maType=sma', 'slow=50', 'timeframe=m15', 'trendTimeframe=h4'])),
      'slow MA and trend MA of equal period are one column',
    ).toEqual({ timeframes: ['M15', 'H4'], indicators: ['sma(10)', 'sma(50)'] });
  });

  it('rsi-reversion and donchian-breakout require what their params name', () => {
    const rsi = builtin('rsi-reversion');
    expect(rsi.requires!(params(rsi, ['period=7']))).toEqual({
      timeframes: ['M15'],
      indicators: ['rsi(7)'],
    });
    const dc = builtin('donchian-breakout');
    expect(dc.requires!(params(dc))).toEqual({
      timeframes: ['H4'],
      indicators: ['donchian(20)', 'donchian(10)', 'atr(14)'],
    });
    expect(dc.requires!(params(dc, ['exitPeriod=20'])).indicators).toEqual([
      'donchian(20)',
      'atr(14)',
    ]);
  });

  it('donchian-breakout reads the channel columns the registry names', () => {
    const s = builtin('donchian-breakout');
    const ctx = initCtx(params(s, ['period=55', 'exitPeriod=20']));
    s.init(ctx);
    const [upper55, , lower55] = createIndicator('donchian(55)').columns;
    const [upper20, , lower20] = createIndicator('donchian(20)').columns;
    expect(ctx.state.columns).toEqual({
      entry: { upper: upper55, lower: lower55 },
      exit: { upper: upper20, lower: lower20 },
    });
  });

  it('ma-cross refuses fast >= slow in init and in requires, naming both values', () => {
    const s = builtin('ma-cross');
    const msg = 'ma-cross: fast (30) must be less than slow (30): the fast MA is the shorter one';
    expect(initError(s, ['fast=30'])).toBe(msg);
    expect(initError(s, ['fast=40', 'slow=20'])).toBe(
      'ma-cross: fast (40) must be less than slow (20): the fast MA is the shorter one',
    );
    expect(() => s.requires!(params(s, ['fast=30']))).toThrow(msg);
  });

  it('ma-cross refuses a trend timeframe shorter than the trading timeframe', () => {
    expect(initError(builtin('ma-cross'), ['timeframe=H4', 'trendTimeframe=H1'])).toBe(
      'ma-cross: trendTimeframe (H1) must not be shorter than timeframe (H4)',
    );
  });

  it('rsi-reversion refuses levels out of order', () => {
    expect(initError(builtin('rsi-reversion'), ['oversold=60'])).toBe(
      'rsi-reversion: needs oversold < exitLevel < overbought, got 60 / 50 / 70',
    );
  });
});
