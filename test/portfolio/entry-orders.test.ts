import { describe, expect, it } from 'vitest';
import { EURUSD, SEC, setup, T0 } from './helpers.ts';

const FRI = Date.UTC(2024, 0, 5, 21, 50);
const SUN = Date.UTC(2024, 0, 7, 22, 0);

describe('limit and stop entry orders', () => {
  it('buy limit: fills at its price when the ask comes down to it, without slippage', () => {
    const { pf } = setup({ slippage: 0.0001 });
    pf.onTick(EURUSD, T0, 1.1, 1.1002);
    pf.submit({ symbol: EURUSD, side: 'buy', size: 1000, type: 'limit', price: 1.099 }, T0);
    pf.onTick(EURUSD, T0 + SEC, 1.0993, 1.0995);
    expect(pf.position(EURUSD).size, 'ask 1.0995 is above the limit').toBe(0);
    pf.onTick(EURUSD, T0 + 2 * SEC, 1.0983, 1.0985);
    expect(pf.position(EURUSD)).toMatchObject({ size: 1000, entryPrice: 1.099 });
    expect(pf.pendingOrders()).toEqual([]);
  });

  it('buy limit: fills at the lower ask when the market opens below it after a gap', () => {
    const { pf } = setup();
    pf.onTick(EURUSD, FRI, 1.1, 1.1002);
    pf.submit({ symbol: EURUSD, side: 'buy', size: 1000, type: 'limit', price: 1.099 }, FRI);
    pf.onTick(EURUSD, SUN, 1.0968, 1.097);
    expect(pf.position(EURUSD).entryPrice).toBe(1.097);
  });

  it('a limit already through the market fills at the next ask (marketable limit)', () => {
    const { pf } = setup();
    pf.onTick(EURUSD, T0, 1.1, 1.1002);
    pf.submit({ symbol: EURUSD, side: 'buy', size: 1000, type: 'limit', price: 1.105 }, T0);
    pf.onTick(EURUSD, T0 + SEC, 1.1001, 1.1003);
    expect(pf.position(EURUSD).entryPrice).toBe(1.1003);
  });

  it('buy stop: fills at its price plus slippage when the ask rises through it', () => {
    const { pf } = setup({ slippage: 0.0001 });
    pf.onTick(EURUSD, T0, 1.1, 1.1002);
    pf.submit({ symbol: EURUSD, side: 'buy', size: 1000, type: 'stop', price: 1.102 }, T0);
    pf.onTick(EURUSD, T0 + SEC, 1.1013, 1.1015);
    expect(pf.position(EURUSD).size).toBe(0);
    pf.onTick(EURUSD, T0 + 2 * SEC, 1.1023, 1.1025);
    expect(pf.position(EURUSD).entryPrice).toBeCloseTo(1.1021, 12); // 1.1020 + 0.0001
  });

  it('buy stop: fills at the tick ask plus slippage when gapped through', () => {
    const { pf } = setup({ slippage: 0.0001 });
    pf.onTick(EURUSD, FRI, 1.1, 1.1002);
    pf.submit({ symbol: EURUSD, side: 'buy', size: 1000, type: 'stop', price: 1.102 }, FRI);
    pf.onTick(EURUSD, SUN, 1.1048, 1.105);
    expect(pf.position(EURUSD).entryPrice).toBeCloseTo(1.1051, 12);
  });

  it('sell limit and sell stop mirror the buys on the bid', () => {
    const { pf } = setup({ slippage: 0.0001 });
    pf.onTick(EURUSD, T0, 1.1, 1.1002);
    pf.submit({ symbol: EURUSD, side: 'sell', size: 1000, type: 'limit', price: 1.102 }, T0);
    pf.onTick(EURUSD, T0 + SEC, 1.1025, 1.1027);
    expect(pf.position(EURUSD)).toMatchObject({ size: -1000, entryPrice: 1.102 });

    const other = setup({ slippage: 0.0001 }).pf;
    other.onTick(EURUSD, T0, 1.1, 1.1002);
    other.submit({ symbol: EURUSD, side: 'sell', size: 1000, type: 'stop', price: 1.098 }, T0);
    other.onTick(EURUSD, T0 + SEC, 1.0975, 1.0977);
    expect(other.position(EURUSD).size).toBe(-1000);
    expect(other.position(EURUSD).entryPrice).toBeCloseTo(1.0979, 12); // 1.0980 − 0.0001
  });

  it('attaches its stops to the position when it fills', () => {
    const { pf } = setup();
    pf.onTick(EURUSD, T0, 1.1, 1.1002);
    pf.submit(
      {
        symbol: EURUSD,
        side: 'buy',
        size: 1000,
        type: 'stop',
        price: 1.101,
        stopLoss: 1.1,
        takeProfit: 1.105,
      },
      T0,
    );
    expect(pf.position(EURUSD).stopLoss, 'no stops before the fill').toBe(null);
    pf.onTick(EURUSD, T0 + SEC, 1.101, 1.1012);
    expect(pf.position(EURUSD)).toMatchObject({ size: 1000, stopLoss: 1.1, takeProfit: 1.105 });
  });

  it('a stop placed before the first tick of its symbol fills at that tick (nothing seen before)', () => {
    const { pf } = setup();
    pf.submit({ symbol: EURUSD, side: 'buy', size: 1000, type: 'stop', price: 1.1 }, T0);
    pf.onTick(EURUSD, T0, 1.1008, 1.101);
    expect(pf.position(EURUSD).entryPrice).toBe(1.101);
  });

  it('stays pending until it triggers, through many ticks', () => {
    const { pf } = setup();
    pf.onTick(EURUSD, T0, 1.1, 1.1002);
    const id = pf.submit(
      { symbol: EURUSD, side: 'sell', size: 1000, type: 'limit', price: 1.2 },
      T0,
    );
    for (let i = 1; i <= 100; i++)
      pf.onTick(EURUSD, T0 + i * SEC, 1.1 + i * 1e-5, 1.1002 + i * 1e-5);
    expect(pf.pendingOrders().map((o) => o.id)).toEqual([id]);
    expect(pf.position(EURUSD).size).toBe(0);
  });
});
