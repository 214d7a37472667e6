import { describe, expect, it } from 'vitest';
import type { Portfolio } from '../../src/main/engine/portfolio/portfolio.ts';
import { EURUSD, expectTrade, GBPUSD, SEC, setup, T0 } from './helpers.ts';

/** Friday 2024-01-05 21:50 UTC, shortly before the weekend close. */
const FRI = Date.UTC(2024, 0, 5, 21, 50);
/** Sunday 2024-01-07 22:00 UTC, the weekly open: 48 h 10 min after FRI. */
const SUN = Date.UTC(2024, 0, 7, 22, 0);

/** Opens a position of `size` (signed) at the second tick, t0 + 1 s, quoted bid 1.1000 / ask 1.1002. */
function open(
  pf: Portfolio,
  size: number,
  stops: { stopLoss?: number; takeProfit?: number },
  t0 = T0,
): void {
  pf.onTick(EURUSD, t0, 1.1, 1.1002);
  pf.submit(
    { symbol: EURUSD, side: size > 0 ? 'buy' : 'sell', size: Math.abs(size), ...stops },
    t0,
  );
  pf.onTick(EURUSD, t0 + SEC, 1.1, 1.1002);
}

describe('stop-loss', () => {
  it('fills at the level when a tick touches it exactly', () => {
    const { pf, log } = setup();
    open(pf, 100_000, { stopLoss: 1.095 });
    pf.onTick(EURUSD, T0 + 2 * SEC, 1.096, 1.0962);
    expect(log.trades, 'above the stop: nothing').toHaveLength(0);
    pf.onTick(EURUSD, T0 + 3 * SEC, 1.095, 1.0952);
    // Long from 1.1002, out at 1.0950: gross −0.0052 × 100 000 = −520; commission 14.
    expectTrade(log.trades[0], {
      exitTime: T0 + 3 * SEC,
      exitPrice: 1.095,
      exitReason: 'stop-loss',
      grossPnl: -520,
      commission: 14,
      netPnl: -534,
    });
    expect(pf.position(EURUSD).size).toBe(0);
    expect(pf.balance).toBeCloseTo(9466, 8);
  });

  it('fills at the level minus slippage when crossed on continuous quotes', () => {
    const { pf, log } = setup({ slippage: 0.0001 });
    open(pf, 100_000, { stopLoss: 1.095 }); // entry 1.1002 + 0.0001 = 1.1003
    pf.onTick(EURUSD, T0 + 2 * SEC, 1.096, 1.0962);
    pf.onTick(EURUSD, T0 + 3 * SEC, 1.094, 1.0942); // jumps from 1.0960 to 1.0940 in 1 s
    // Out at 1.0950 − 0.0001 = 1.0949: gross (1.0949 − 1.1003) × 100 000 = −540.
    expectTrade(log.trades[0], { exitPrice: 1.0949, grossPnl: -540, netPnl: -554 });
  });

  it('fills at the tick price minus slippage when gapped through over a weekend', () => {
    const { pf, log } = setup({ slippage: 0.0001 });
    open(pf, 100_000, { stopLoss: 1.095 }, FRI); // entry 1.1003
    pf.onTick(EURUSD, FRI + 300 * SEC, 1.096, 1.0962);
    pf.onTick(EURUSD, SUN, 1.09, 1.0903); // opens 100 pips lower after 48 h
    // Out at 1.0900 − 0.0001 = 1.0899: gross (1.0899 − 1.1003) × 100 000 = −1 040.
    expectTrade(log.trades[0], {
      exitTime: SUN,
      exitPrice: 1.0899,
      grossPnl: -1040,
      netPnl: -1054,
    });
  });

  it('treats a pause of exactly gapMs as continuous and one ms more as a gap', () => {
    for (const [pause, exit] of [
      [60_000, 1.095],
      [60_001, 1.094],
    ]) {
      const { pf, log } = setup({ gapMs: 60_000 });
      open(pf, 100_000, { stopLoss: 1.095 });
      pf.onTick(EURUSD, T0 + SEC + pause, 1.094, 1.0942);
      expect(log.trades[0].exitPrice, `pause ${pause} ms`).toBe(exit);
    }
  });

  it('a stop set beyond the market triggers on the next tick at that tick, not at the level', () => {
    const { pf, log } = setup();
    open(pf, 100_000, {});
    pf.setStops(EURUSD, 1.101, null); // above the bid 1.1000: already "hit"
    pf.onTick(EURUSD, T0 + 2 * SEC, 1.1001, 1.1003);
    // The market never traded at 1.1010 while the stop worked: out at the bid 1.1001, −10.
    expectTrade(log.trades[0], { exitPrice: 1.1001, grossPnl: -10, exitReason: 'stop-loss' });
  });

  it('a stop hit on the very tick its order fills uses that tick price', () => {
    const { pf, log } = setup();
    pf.onTick(EURUSD, T0, 1.101, 1.1012);
    pf.submit({ symbol: EURUSD, side: 'buy', size: 100_000, stopLoss: 1.1005 }, T0);
    pf.onTick(EURUSD, T0 + SEC, 1.1, 1.1002);
    // In at 1.1002, the stop 1.1005 is above the bid 1.1000 at once. It did not exist when the
    // previous bid 1.1010 was live, so no credit for the level: out at 1.1000, gross −20.
    expectTrade(log.trades[0], {
      entryTime: T0 + SEC,
      exitTime: T0 + SEC,
      entryPrice: 1.1002,
      exitPrice: 1.1,
      grossPnl: -20,
      exitReason: 'stop-loss',
    });
  });

  it('short: triggers when the ask reaches the stop, fills at level plus slippage', () => {
    const { pf, log } = setup({ slippage: 0.0001 });
    open(pf, -100_000, { stopLoss: 1.105 }); // short at bid − slippage = 1.0999
    pf.onTick(EURUSD, T0 + 2 * SEC, 1.1038, 1.104);
    pf.onTick(EURUSD, T0 + 3 * SEC, 1.1058, 1.106);
    // Out at 1.1050 + 0.0001 = 1.1051: gross (1.0999 − 1.1051) × 100 000 = −520.
    expectTrade(log.trades[0], { side: 'short', exitPrice: 1.1051, grossPnl: -520 });
  });

  it('only ticks of its own symbol trigger it', () => {
    const { pf, log } = setup();
    open(pf, 100_000, { stopLoss: 1.095 });
    pf.onTick(GBPUSD, T0 + 2 * SEC, 1.0, 1.0002); // far below EURUSD's stop, but another symbol
    expect(log.trades).toHaveLength(0);
  });
});

describe('take-profit', () => {
  it('fills at the level without slippage when crossed on continuous quotes', () => {
    const { pf, log } = setup({ slippage: 0.0001 });
    open(pf, 100_000, { takeProfit: 1.105 }); // entry 1.1003
    pf.onTick(EURUSD, T0 + 2 * SEC, 1.104, 1.1042);
    pf.onTick(EURUSD, T0 + 3 * SEC, 1.1055, 1.1057);
    // Out at 1.1050 exactly: gross 0.0047 × 100 000 = 470; commission 14.
    expectTrade(log.trades[0], {
      exitPrice: 1.105,
      exitReason: 'take-profit',
      grossPnl: 470,
      netPnl: 456,
    });
  });

  it('fills at the better tick price when the market gaps through it', () => {
    const { pf, log } = setup({ slippage: 0.0001 });
    open(pf, 100_000, { takeProfit: 1.105 }, FRI);
    pf.onTick(EURUSD, FRI + 300 * SEC, 1.104, 1.1042);
    pf.onTick(EURUSD, SUN, 1.108, 1.1082);
    // Out at the bid 1.1080, no slippage: gross 0.0077 × 100 000 = 770.
    expectTrade(log.trades[0], { exitPrice: 1.108, exitReason: 'take-profit', grossPnl: 770 });
  });

  it('short: triggers when the ask falls to it', () => {
    const { pf, log } = setup({ slippage: 0.0001 });
    open(pf, -100_000, { takeProfit: 1.095 }); // short at 1.0999
    pf.onTick(EURUSD, T0 + 2 * SEC, 1.0953, 1.0955);
    pf.onTick(EURUSD, T0 + 3 * SEC, 1.0943, 1.0945);
    // Out at 1.0950: gross (1.0999 − 1.0950) × 100 000 = 490.
    expectTrade(log.trades[0], { exitPrice: 1.095, exitReason: 'take-profit', grossPnl: 490 });
  });
});

describe('stop-loss and take-profit together', () => {
  it('the stop-loss wins when both trigger on the same tick', () => {
    const { pf, log } = setup();
    open(pf, 100_000, {});
    pf.setStops(EURUSD, 1.099, 1.098); // inverted on purpose: a bid in [1.0980, 1.0990] hits both
    pf.onTick(EURUSD, T0 + 2 * SEC, 1.0985, 1.0987);
    expect(log.trades).toHaveLength(1);
    // Stop-loss, crossed on continuous quotes from 1.1000: at the level 1.0990.
    expectTrade(log.trades[0], { exitReason: 'stop-loss', exitPrice: 1.099, grossPnl: -120 });
  });

  it('setStops replaces both stops; null removes one', () => {
    const { pf, log } = setup();
    open(pf, 100_000, { stopLoss: 1.09, takeProfit: 1.11 });
    pf.setStops(EURUSD, null, 1.1005);
    expect(pf.position(EURUSD)).toMatchObject({ stopLoss: null, takeProfit: 1.1005 });
    pf.onTick(EURUSD, T0 + 2 * SEC, 1.08, 1.0802);
    expect(log.trades, 'no stop-loss any more').toHaveLength(0);
    pf.onTick(EURUSD, T0 + 3 * SEC, 1.1006, 1.1008);
    expect(log.trades[0].exitReason).toBe('take-profit');
  });
});
