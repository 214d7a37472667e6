import { describe, expect, it } from 'vitest';
import { OrderError } from '../../src/main/engine/portfolio/order-validation.ts';
import { Portfolio } from '../../src/main/engine/portfolio/portfolio.ts';
import { config, EURUSD, expectTrade, GBPUSD, SEC, setup, T0 } from './helpers.ts';

describe('market orders', () => {
  it('buys at the ask on the next tick and sells at the bid', () => {
    const { pf, log } = setup();
    pf.onTick(EURUSD, T0, 1.1, 1.1002);
    pf.submit({ symbol: EURUSD, side: 'buy', size: 100_000 }, T0);
    expect(pf.position(EURUSD).size, 'nothing fills between ticks').toBe(0);

    pf.onTick(EURUSD, T0 + SEC, 1.101, 1.1012);
    // Filled at the ask 1.1012; commission 7 × 1 lot leaves the balance at once: 9 993.
    const p = pf.position(EURUSD);
    expect(p.size).toBe(100_000);
    expect(p.entryPrice).toBe(1.1012);
    expect(p.entryTime).toBe(T0 + SEC);
    expect(p.entryCommission).toBe(7);
    expect(pf.balance).toBe(9993);
    // Equity marks the long at the bid: 9 993 + (1.1010 − 1.1012) × 100 000 = 9 973.
    expect(pf.unrealizedPnl(EURUSD)).toBeCloseTo(-20, 8);
    expect(pf.equity()).toBeCloseTo(9973, 8);

    pf.submit({ symbol: EURUSD, side: 'sell', size: 100_000 }, T0 + SEC);
    pf.onTick(EURUSD, T0 + 2 * SEC, 1.105, 1.1052);
    // Sold at the bid 1.1050: gross (1.1050 − 1.1012) × 100 000 = 380; commission 7 + 7 = 14.
    expect(log.trades).toHaveLength(1);
    expectTrade(log.trades[0], {
      id: 1,
      symbol: 'EURUSD',
      side: 'long',
      size: 100_000,
      entryTime: T0 + SEC,
      entryPrice: 1.1012,
      exitTime: T0 + 2 * SEC,
      exitPrice: 1.105,
      exitReason: 'signal',
      grossPnl: 380,
      commission: 14,
      netPnl: 366,
    });
    expect(pf.position(EURUSD).size).toBe(0);
    expect(pf.balance).toBeCloseTo(10_366, 8); // 9 993 + 380 − 7
    expect(pf.equity()).toBeCloseTo(10_366, 8);
  });

  it('sells short at the bid and covers at the ask', () => {
    const { pf, log } = setup();
    pf.onTick(EURUSD, T0, 1.1, 1.1002);
    pf.submit({ symbol: EURUSD, side: 'sell', size: 200_000 }, T0);
    pf.onTick(EURUSD, T0 + SEC, 1.099, 1.0992);
    // Short 2 lots at the bid 1.0990, commission 14; marked at the ask: (1.0990 − 1.0992) × 200 000.
    expect(pf.position(EURUSD).size).toBe(-200_000);
    expect(pf.position(EURUSD).entryPrice).toBe(1.099);
    expect(pf.balance).toBe(9986);
    expect(pf.equity()).toBeCloseTo(9946, 8);

    pf.submit({ symbol: EURUSD, side: 'buy', size: 200_000 }, T0 + SEC);
    pf.onTick(EURUSD, T0 + 2 * SEC, 1.095, 1.0952);
    // Covered at the ask 1.0952: gross (1.0990 − 1.0952) × 200 000 = 760; commission 28 → net 732.
    expectTrade(log.trades[0], {
      side: 'short',
      entryPrice: 1.099,
      exitPrice: 1.0952,
      grossPnl: 760,
      commission: 28,
      netPnl: 732,
    });
    expect(pf.balance).toBeCloseTo(10_732, 8); // 9 986 + 760 − 14
  });

  it('charges slippage against the trader on both fills and commission per lot', () => {
    const { pf, log } = setup({ slippage: 0.0001 });
    pf.onTick(EURUSD, T0, 1.2, 1.2002);
    pf.submit({ symbol: EURUSD, side: 'buy', size: 50_000 }, T0);
    pf.onTick(EURUSD, T0 + SEC, 1.2, 1.2002);
    // Half a lot at ask + slippage = 1.2003; commission 7 × 0.5 = 3.5.
    expect(pf.position(EURUSD).entryPrice).toBeCloseTo(1.2003, 12);
    expect(pf.balance).toBe(9996.5);
    pf.submit({ symbol: EURUSD, side: 'sell', size: 50_000 }, T0 + SEC);
    pf.onTick(EURUSD, T0 + 2 * SEC, 1.21, 1.2102);
    // Out at bid − slippage = 1.2099: gross 0.0096 × 50 000 = 480; commission 3.5 + 3.5 = 7.
    expectTrade(log.trades[0], { exitPrice: 1.2099, grossPnl: 480, commission: 7, netPnl: 473 });
    expect(pf.balance).toBeCloseTo(10_473, 8);
  });

  it('never fills an order on the tick during which it was placed', () => {
    const { pf, log } = setup();
    pf.onTick(EURUSD, T0, 1.1, 1.1002);
    pf.submit({ symbol: EURUSD, side: 'buy', size: 100_000 }, T0);
    pf.submit({ symbol: EURUSD, side: 'sell', size: 100_000 }, T0);
    // A sink that answers every trade with a new order, from inside the tick being processed.
    pf.sink = {
      onTrade: (t) => {
        log.onTrade(t);
        pf.submit({ symbol: EURUSD, side: 'buy', size: 10_000 }, T0 + SEC);
      },
    };
    pf.onTick(EURUSD, T0 + SEC, 1.1, 1.1002);
    // The buy opens, the sell closes it (a trade), the sink's order waits for the next tick.
    expect(log.trades).toHaveLength(1);
    expect(pf.position(EURUSD).size).toBe(0);
    expect(pf.pendingOrders().map((o) => [o.id, o.size])).toEqual([[3, 10_000]]);
    pf.onTick(EURUSD, T0 + 2 * SEC, 1.1, 1.1002);
    expect(pf.position(EURUSD).size).toBe(10_000);
  });

  it('keeps symbols apart: a tick of one symbol never fills the order of another', () => {
    const { pf } = setup();
    pf.onTick(EURUSD, T0, 1.1, 1.1002);
    pf.onTick(GBPUSD, T0, 1.27, 1.2703);
    pf.submit({ symbol: EURUSD, side: 'buy', size: 100_000 }, T0);
    pf.onTick(GBPUSD, T0 + SEC, 1.271, 1.2713);
    pf.onTick(GBPUSD, T0 + 2 * SEC, 1.272, 1.2723);
    expect(pf.position(EURUSD).size, 'GBPUSD ticks must not fill EURUSD').toBe(0);
    expect(pf.position(GBPUSD).size).toBe(0);
    pf.onTick(EURUSD, T0 + 3 * SEC, 1.1005, 1.1007);
    expect(pf.position(EURUSD).entryPrice).toBe(1.1007);
    expect(pf.lastBid(GBPUSD)).toBe(1.272);
    expect(pf.lastAsk(EURUSD)).toBe(1.1007);
    expect(pf.lastTime()).toBe(T0 + 3 * SEC);
  });

  it('cancels a working order, once', () => {
    const { pf } = setup();
    pf.onTick(EURUSD, T0, 1.1, 1.1002);
    const id = pf.submit(
      { symbol: EURUSD, side: 'buy', size: 1000, type: 'limit', price: 1.09 },
      T0,
    );
    expect(pf.pendingOrders()).toEqual([
      {
        id,
        symbol: EURUSD,
        side: 'buy',
        size: 1000,
        type: 'limit',
        price: 1.09,
        stopLoss: null,
        takeProfit: null,
        placedAt: T0,
      },
    ]);
    expect(pf.cancel(id)).toBe(true);
    expect(pf.cancel(id), 'a second cancel finds nothing').toBe(false);
    pf.onTick(EURUSD, T0 + SEC, 1.08, 1.0802);
    expect(pf.position(EURUSD).size).toBe(0);
    expect(pf.pendingOrders()).toEqual([]);
  });

  it('closePosition flattens at market with reason signal and never reverses', () => {
    const { pf, log } = setup();
    pf.closePosition(EURUSD, T0);
    expect(pf.pendingOrders(), 'flat: nothing to close').toEqual([]);
    pf.onTick(EURUSD, T0, 1.1, 1.1002);
    pf.submit({ symbol: EURUSD, side: 'sell', size: 30_000 }, T0);
    pf.onTick(EURUSD, T0 + SEC, 1.1, 1.1002);
    pf.closePosition(EURUSD, T0 + SEC);
    pf.closePosition(EURUSD, T0 + SEC); // twice: the second finds the position gone and is dropped
    pf.onTick(EURUSD, T0 + 2 * SEC, 1.099, 1.0992);
    expect(log.trades).toHaveLength(1);
    // Short 30 000 at 1.1000, covered at 1.0992: gross 0.0008 × 30 000 = 24.
    expectTrade(log.trades[0], { side: 'short', size: 30_000, exitPrice: 1.0992, grossPnl: 24 });
    expect(log.trades[0].exitReason).toBe('signal');
    expect(pf.position(EURUSD).size).toBe(0);
    expect(pf.pendingOrders()).toEqual([]);
  });

  it('closes everything at the end of data like a market order and drops working orders', () => {
    const { pf, log } = setup({ slippage: 0.0001 });
    pf.onTick(EURUSD, T0, 1.1, 1.1002);
    pf.submit({ symbol: EURUSD, side: 'buy', size: 100_000 }, T0);
    pf.submit({ symbol: EURUSD, side: 'buy', size: 100_000, type: 'limit', price: 1.05 }, T0);
    pf.onTick(EURUSD, T0 + SEC, 1.1, 1.1002); // long at 1.1003, commission 7
    pf.onTick(EURUSD, T0 + 60 * SEC, 1.102, 1.1022);
    pf.closeAll(T0 + 60 * SEC);
    // Out at bid − slippage 1.1019: gross 0.0016 × 100 000 = 160; commission 14; net 146.
    expectTrade(log.trades[0], {
      exitTime: T0 + 60 * SEC,
      exitPrice: 1.1019,
      exitReason: 'end-of-data',
      grossPnl: 160,
      commission: 14,
      netPnl: 146,
    });
    expect(pf.pendingOrders()).toEqual([]);
    expect(pf.balance).toBeCloseTo(10_146, 8);
    expect(pf.equity()).toBe(pf.balance);
  });

  it('counts time in the market across symbols for the exposure statistic', () => {
    const { pf } = setup();
    pf.onTick(EURUSD, T0, 1.1, 1.1002);
    pf.submit({ symbol: EURUSD, side: 'buy', size: 1000 }, T0);
    pf.onTick(EURUSD, T0 + 10 * SEC, 1.1, 1.1002); // opens at +10 s
    pf.onTick(GBPUSD, T0 + 20 * SEC, 1.27, 1.2702); // other symbols' ticks count too
    pf.submit({ symbol: EURUSD, side: 'sell', size: 1000 }, T0 + 20 * SEC);
    pf.onTick(EURUSD, T0 + 30 * SEC, 1.1, 1.1002); // closes at +30 s
    pf.onTick(GBPUSD, T0 + 40 * SEC, 1.27, 1.2702);
    pf.closeAll(T0 + 40 * SEC);
    expect(pf.exposure()).toEqual({ inMarketMs: 20_000, firstTime: T0, lastTime: T0 + 40 * SEC });
  });

  it('refuses a config it cannot trade with, naming the field', () => {
    expect(() => new Portfolio(config({ lotSize: 0 }))).toThrow(/lotSize must be > 0, got 0/);
    expect(() => new Portfolio(config({ slippage: -1 }))).toThrow(/slippage must be >= 0/);
    expect(() => new Portfolio(config({ gapMs: NaN }))).toThrow(/gapMs must be >= 0/);
    expect(() => new Portfolio(config({ symbols: [] }))).toThrow(/symbols must be a non-empty/);
  });

  it('refuses invalid orders with an OrderError that says what is wrong', () => {
    const pf = new Portfolio(config());
    const bad = (o: object, msg: RegExp) =>
      expect(() => pf.submit({ symbol: 0, side: 'buy', size: 1000, ...o }, T0)).toThrow(msg);
    bad({ size: 0 }, /size must be a finite number of units > 0, got 0/);
    bad({ size: -5 }, /size must be/);
    bad({ size: NaN }, /size must be/);
    bad({ symbol: 2 }, /unknown symbol index 2 \(the run has 2 symbol\(s\): EURUSD, GBPUSD\)/);
    bad({ side: 'long' }, /side must be 'buy' or 'sell'/);
    bad({ type: 'limit' }, /a limit order needs a finite price/);
    bad({ type: 'stop', price: Infinity }, /a stop order needs a finite price/);
    bad({ price: 1.1 }, /a market order takes no price/);
    bad({ stopLoss: NaN }, /stopLoss must be a finite price or null/);
    expect(() => pf.submit({ symbol: 0, side: 'buy', size: 0 }, T0)).toThrow(OrderError);
    expect(() => pf.setStops(EURUSD, 1.09, null)).toThrow(/no open position/);
    expect(pf.pendingOrders(), 'refused orders are not queued').toEqual([]);
    expect(pf.submit({ symbol: 1, side: 'sell', size: 1 }, T0), 'ids count from 1').toBe(1);
  });
});
