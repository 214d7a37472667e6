/**
 * P&L converts to the account currency at the rate of the moment money changes hands (the exit)
 * or is valued (equity now); commission is account money per lot of the symbol's contract.
 */
import { describe, expect, it } from 'vitest';
import type { RateSource } from '../../../src/main/engine/portfolio/types.ts';
import { expectTrade } from '../helpers.ts';
import { buy, MON, moneySetup, SEC } from './money-helpers.ts';

const USDJPY = 0;

/** USD per JPY: 1/150 until MON + 3 s, then 1/160 (the yen weakens while the trade is open). */
const yenRates: RateSource & { asked: number[] } = {
  asked: [],
  quoteRate(symbol, time) {
    this.asked.push(time);
    expect(symbol).toBe(USDJPY);
    return time < MON + 3 * SEC ? 1 / 150 : 1 / 160;
  },
};

describe('quote → account conversion', () => {
  it('a USDJPY long in a USD account books its yen P&L at the exit rate', () => {
    const { pf, log } = moneySetup({
      symbols: ['USDJPY'],
      commissionPerLot: 7,
      rates: yenRates,
    });
    pf.onTick(USDJPY, MON, 149.98, 150.0);
    buy(pf, USDJPY, 100_000, MON);
    pf.onTick(USDJPY, MON + SEC, 149.98, 150.0); // fills at the ask 150.00
    pf.onTick(USDJPY, MON + 2 * SEC, 151.0, 151.02);
    // Open: (151.00 − 150.00) × 100 000 = 100 000 JPY × 1/150 = 666.67 USD; equity also lost
    // the entry commission 7 (per lot of 100 000, one lot): 10 000 − 7 + 666.666… = 10 659.666…
    expect(pf.unrealizedPnl(USDJPY)).toBeCloseTo(100_000 / 150, 8);
    expect(pf.equity()).toBeCloseTo(10_000 - 7 + 100_000 / 150, 8);
    pf.closePosition(USDJPY, MON + 2 * SEC);
    pf.onTick(USDJPY, MON + 3 * SEC, 151.0, 151.02); // sells at the bid 151.00, rate now 1/160
    // Gross 100 000 JPY / 160 = 625 USD (not 666.67: the exit's rate); commission 7 + 7 = 14;
    // net 611; balance 10 000 + 611 = 10 611.
    expectTrade(log.trades[0], {
      side: 'long',
      entryPrice: 150,
      exitPrice: 151,
      grossPnl: 625,
      commission: 14,
      swap: 0,
      netPnl: 611,
    });
    expect(pf.balance).toBeCloseTo(10_611, 8);
    expect(pf.equity()).toBe(pf.balance);
  });

  it('ticks of a flat symbol without orders never ask for a rate', () => {
    yenRates.asked.length = 0;
    const { pf } = moneySetup({ symbols: ['USDJPY'], rates: yenRates });
    for (let i = 0; i < 10; i++) pf.onTick(USDJPY, MON + i * SEC, 150, 150.02);
    expect(yenRates.asked).toEqual([]);
  });

  it('commission is per lot of the symbol contract: 2 lots of XAUUSD are 200 ounces', () => {
    const { pf, log } = moneySetup({ symbols: ['XAUUSD'], commissionPerLot: 7 });
    const XAU = 0;
    pf.onTick(XAU, MON, 2000.0, 2000.5);
    buy(pf, XAU, 200, MON);
    pf.onTick(XAU, MON + SEC, 2000.0, 2000.5); // 200 oz at 2000.50; commission 7 × 200/100 = 14
    expect(pf.balance).toBeCloseTo(10_000 - 14, 8);
    pf.closePosition(XAU, MON + SEC);
    pf.onTick(XAU, MON + 2 * SEC, 2010.5, 2011.0); // sells at 2010.50
    // Gross (2010.50 − 2000.50) × 200 = 2 000 USD; commission 14 + 14 = 28; net 1 972.
    expectTrade(log.trades[0], { size: 200, grossPnl: 2000, commission: 28, netPnl: 1972 });
    expect(pf.balance).toBeCloseTo(11_972, 8);
  });
});
