import { describe, expect, it } from 'vitest';
import { EURUSD, expectTrade, SEC, setup, T0 } from './helpers.ts';

describe('netting', () => {
  it('adds at the size-weighted average and closes in parts with proportional entry commission', () => {
    const { pf, log } = setup();
    pf.onTick(EURUSD, T0, 1.1, 1.1002);
    pf.submit({ symbol: EURUSD, side: 'buy', size: 100_000 }, T0);
    pf.onTick(EURUSD, T0 + SEC, 1.1, 1.1002); // 1 lot at 1.1002
    pf.submit({ symbol: EURUSD, side: 'buy', size: 100_000 }, T0 + SEC);
    pf.onTick(EURUSD, T0 + 2 * SEC, 1.102, 1.1022); // 1 lot more at 1.1022
    // Average (1.1002 + 1.1022) / 2 = 1.1012; entry time stays the first fill's; 14 paid.
    const p = pf.position(EURUSD);
    expect(p.size).toBe(200_000);
    expect(p.entryPrice).toBeCloseTo(1.1012, 12);
    expect(p.entryTime).toBe(T0 + SEC);
    expect(p.entryCommission).toBe(14);
    expect(pf.balance).toBe(9986);

    pf.submit({ symbol: EURUSD, side: 'sell', size: 50_000 }, T0 + 2 * SEC);
    pf.onTick(EURUSD, T0 + 3 * SEC, 1.1052, 1.1054);
    // A quarter closes at 1.1052: gross 0.0040 × 50 000 = 200; commission = 14 × ¼ of the entry
    // (3.5) + 7 × 0.5 lot exit (3.5) = 7; net 193. Balance 9 986 + 200 − 3.5 = 10 182.5.
    expectTrade(log.trades[0], {
      id: 1,
      size: 50_000,
      entryTime: T0 + SEC,
      entryPrice: 1.1012,
      exitPrice: 1.1052,
      grossPnl: 200,
      commission: 7,
      netPnl: 193,
    });
    expect(pf.position(EURUSD).size).toBe(150_000);
    expect(pf.position(EURUSD).entryCommission).toBeCloseTo(10.5, 10);
    expect(pf.balance).toBeCloseTo(10_182.5, 8);

    pf.submit({ symbol: EURUSD, side: 'sell', size: 150_000 }, T0 + 3 * SEC);
    pf.onTick(EURUSD, T0 + 4 * SEC, 1.1002, 1.1004);
    // The rest at 1.1002: gross −0.0010 × 150 000 = −150; commission 10.5 + 10.5 = 21; net −171.
    expectTrade(log.trades[1], {
      id: 1,
      size: 150_000,
      grossPnl: -150,
      commission: 21,
      netPnl: -171,
    });
    // Balance 10 182.5 − 150 − 10.5 = 10 022 = start + Σ netPnl (193 − 171).
    expect(pf.balance).toBeCloseTo(10_022, 8);
    expect(pf.position(EURUSD)).toEqual({
      size: 0,
      entryPrice: NaN,
      entryTime: NaN,
      entryCommission: 0,
      stopLoss: null,
      takeProfit: null,
      tradeId: 0,
      swap: 0,
      worstPrice: NaN,
      bestPrice: NaN,
    });
  });

  it('a fill larger than the position closes it and opens the rest the other way', () => {
    const { pf, log } = setup();
    pf.onTick(EURUSD, T0, 1.1, 1.1002);
    pf.submit({ symbol: EURUSD, side: 'buy', size: 100_000, stopLoss: 1.09 }, T0);
    pf.onTick(EURUSD, T0 + SEC, 1.1, 1.1002); // long 1 lot at 1.1002
    pf.submit({ symbol: EURUSD, side: 'sell', size: 300_000, takeProfit: 1.09 }, T0 + SEC);
    pf.onTick(EURUSD, T0 + 2 * SEC, 1.103, 1.1032);
    // 3 lots sold at 1.1030, commission 21: 1 lot closes the long (gross 0.0028 × 100 000 = 280,
    // commission 7 entry + 21 × ⅓ = 14, net 266), 2 lots open a short with 14 of entry commission.
    expectTrade(log.trades[0], {
      id: 1,
      side: 'long',
      size: 100_000,
      grossPnl: 280,
      commission: 14,
    });
    const p = pf.position(EURUSD);
    expect(p.size).toBe(-200_000);
    expect(p.entryPrice).toBe(1.103);
    expect(p.entryTime).toBe(T0 + 2 * SEC);
    expect(p.entryCommission).toBeCloseTo(14, 10);
    expect(p.tradeId, 'a reversal starts a new trade').toBe(2);
    expect([p.stopLoss, p.takeProfit], "the new position takes the order's stops").toEqual([
      null,
      1.09,
    ]);
    expect(pf.balance).toBeCloseTo(10_252, 8); // 10 000 − 7 − 21 + 280

    pf.submit({ symbol: EURUSD, side: 'buy', size: 200_000 }, T0 + 2 * SEC);
    pf.onTick(EURUSD, T0 + 3 * SEC, 1.1008, 1.101);
    // Covered at 1.1010: gross 0.0020 × 200 000 = 400; commission 14 + 14 = 28; net 372.
    expectTrade(log.trades[1], {
      id: 2,
      side: 'short',
      entryPrice: 1.103,
      grossPnl: 400,
      netPnl: 372,
    });
    expect(pf.balance).toBeCloseTo(10_638, 8); // 10 000 + 266 + 372
  });

  it('an adding order replaces the stops it sets; a reducing order leaves them', () => {
    const { pf } = setup();
    pf.onTick(EURUSD, T0, 1.1, 1.1002);
    pf.submit({ symbol: EURUSD, side: 'buy', size: 2000, stopLoss: 1.09, takeProfit: 1.12 }, T0);
    pf.onTick(EURUSD, T0 + SEC, 1.1, 1.1002);
    expect(pf.position(EURUSD)).toMatchObject({ stopLoss: 1.09, takeProfit: 1.12 });
    pf.submit({ symbol: EURUSD, side: 'buy', size: 1000, takeProfit: 1.13 }, T0 + SEC);
    pf.onTick(EURUSD, T0 + 2 * SEC, 1.1, 1.1002);
    expect(pf.position(EURUSD)).toMatchObject({ size: 3000, stopLoss: 1.09, takeProfit: 1.13 });
    pf.submit({ symbol: EURUSD, side: 'sell', size: 1000, stopLoss: 1.05 }, T0 + 2 * SEC);
    pf.onTick(EURUSD, T0 + 3 * SEC, 1.1, 1.1002);
    expect(pf.position(EURUSD)).toMatchObject({ size: 2000, stopLoss: 1.09, takeProfit: 1.13 });
  });

  it('working orders of a tick fill in the order they were placed', () => {
    const { pf, log } = setup();
    pf.onTick(EURUSD, T0, 1.1, 1.1002);
    pf.submit({ symbol: EURUSD, side: 'sell', size: 1000 }, T0);
    pf.submit({ symbol: EURUSD, side: 'buy', size: 3000 }, T0);
    pf.onTick(EURUSD, T0 + SEC, 1.1, 1.1002);
    // Short 1000 at 1.1000, then the buy covers it at 1.1002 and leaves a long of 2000.
    expectTrade(log.trades[0], { side: 'short', size: 1000, entryPrice: 1.1, exitPrice: 1.1002 });
    expect(pf.position(EURUSD).size).toBe(2000);
  });
});
