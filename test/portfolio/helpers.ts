import { expect } from 'vitest';
import { encodePlain } from '../../src/main/engine/persist/plain-codec.ts';
import { Portfolio } from '../../src/main/engine/portfolio/portfolio.ts';
import type { PortfolioConfig, Trade, TradeSink } from '../../src/main/engine/portfolio/types.ts';

export const EURUSD = 0;
export const GBPUSD = 1;
/** 2024-01-01T00:00:00Z, a Monday. */
export const T0 = Date.UTC(2024, 0, 1);
export const SEC = 1000;

/**
 * Round numbers so expectations are easy to compute by hand: 10 000 start, 100 000 units per
 * lot, 7 per lot per fill, no slippage unless a test asks for it.
 */
export function config(over: Partial<PortfolioConfig> = {}): PortfolioConfig {
  return {
    symbols: ['EURUSD', 'GBPUSD'],
    balance: 10_000,
    lotSize: 100_000,
    commissionPerLot: 7,
    slippage: 0,
    ...over,
  };
}

/** A sink that keeps every trade it hears of, in order. */
export class TradeLog implements TradeSink {
  readonly trades: Trade[] = [];
  onTrade(trade: Trade): void {
    this.trades.push(trade);
  }
}

export function setup(over: Partial<PortfolioConfig> = {}): { pf: Portfolio; log: TradeLog } {
  const log = new TradeLog();
  return { pf: new Portfolio(config(over), log), log };
}

/** Checks the listed fields of a trade: numbers to 8 decimals (exact for ids, sizes and times). */
export function expectTrade(t: Trade, want: Partial<Trade>): void {
  for (const [k, v] of Object.entries(want)) {
    const got = t[k as keyof Trade];
    if (typeof v === 'number') expect(got, k).toBeCloseTo(v, 8);
    else expect(got, k).toBe(v);
  }
}

/** Numerical Recipes' 32-bit LCG: the same script on every machine, in [0, 1). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** One tick of a property test's script. */
export interface ScriptStep {
  symbol: number;
  time: number;
  bid: number;
  ask: number;
  /** Random numbers that pick the action taken after this tick. */
  r: number[];
}

/** Feeds steps [from, to) to the portfolio, each tick followed by the script's action. */
export function playScript(
  pf: Portfolio,
  steps: readonly ScriptStep[],
  from: number,
  to: number,
  act: (pf: Portfolio, s: ScriptStep) => void,
): void {
  for (let i = from; i < to; i++) {
    const s = steps[i];
    pf.onTick(s.symbol, s.time, s.bid, s.ask);
    act(pf, s);
  }
}

/** A snapshot as the bytes a checkpoint would hold (for bit-for-bit comparisons). */
export const bytes = (v: unknown): Buffer => Buffer.from(encodePlain(v));
