/**
 * Swaps at the daily rollover (22:00 UTC here): charged once per weekday instant passed, triple
 * on the spec's tripleSwapDay, nothing for Saturday's and Sunday's instants; they accrue on the
 * position (in equity at once) and reach the balance with the closed units' share.
 */
import { describe, expect, it } from 'vitest';
import { rolloverAfter, utcWeekday } from '../../../src/main/engine/portfolio/swaps.ts';
import { expectTrade } from '../helpers.ts';
import { at, buy, DAY, HOUR, MON, moneySetup, SEC, sell } from './money-helpers.ts';

const EURUSD = 0;
const GBPUSD = 1;

describe('swaps', () => {
  it('charges 1,1,3,1,1 Monday to Friday with a triple Wednesday, and no weekend instants', () => {
    // −5 points a lot a night: 1 lot × −5 × 10^-5 × 100 000 × rate 1 = −5 USD a night.
    const { pf, log } = moneySetup({
      specs: [{ swapLong: -5, swapShort: 1, swapMode: 'points', tripleSwapDay: 3 }],
    });
    at(pf, EURUSD, MON + 10 * HOUR, 1.1);
    buy(pf, EURUSD, 100_000, MON + 10 * HOUR);
    at(pf, EURUSD, MON + 10 * HOUR + SEC, 1.1);
    const swapAfter = (day: number, hour: number) => {
      at(pf, EURUSD, MON + day * DAY + hour * HOUR, 1.1);
      return pf.position(EURUSD).swap;
    };
    expect(swapAfter(0, 23)).toBeCloseTo(-5, 9); // Monday 22:00: 1 night
    expect(swapAfter(1, 23)).toBeCloseTo(-10, 9); // Tuesday: 1
    expect(swapAfter(2, 23)).toBeCloseTo(-25, 9); // Wednesday: 3 (the weekend's nights)
    expect(swapAfter(3, 23)).toBeCloseTo(-30, 9); // Thursday: 1
    expect(swapAfter(4, 21)).toBeCloseTo(-30, 9); // Friday 21:00: before the rollover
    // One tick on Monday 23:00 passes Friday 22:00 (1), Saturday and Sunday (free), Monday (1).
    expect(swapAfter(7, 23)).toBeCloseTo(-40, 9);
    expect(pf.equity()).toBeCloseTo(10_000 - 40, 9); // in equity before any close
    expect(pf.balance).toBe(10_000);
    pf.closePosition(EURUSD, MON + 7 * DAY + 23 * HOUR);
    at(pf, EURUSD, MON + 8 * DAY + HOUR, 1.1);
    expectTrade(log.trades[0], { grossPnl: 0, swap: -40, netPnl: -40 });
    expect(pf.balance).toBeCloseTo(9960, 9);
  });

  it('money mode is account money per lot; a partial close takes its share of the swaps', () => {
    const { pf, log } = moneySetup({
      specs: [{}, { swapLong: 0, swapShort: -2.5, swapMode: 'money', tripleSwapDay: 3 }],
    });
    const WED = MON + 2 * DAY;
    at(pf, GBPUSD, WED + 10 * HOUR, 1.25);
    sell(pf, GBPUSD, 200_000, WED + 10 * HOUR);
    at(pf, GBPUSD, WED + 10 * HOUR + SEC, 1.25);
    at(pf, GBPUSD, WED + 23 * HOUR, 1.25); // 2 lots × −2.5 × 3 (Wednesday) = −15
    expect(pf.position(GBPUSD).swap).toBeCloseTo(-15, 9);
    at(pf, GBPUSD, WED + DAY + 23 * HOUR, 1.25); // Thursday: 2 × −2.5 = −5 → −20
    buy(pf, GBPUSD, 50_000, WED + DAY + 23 * HOUR);
    at(pf, GBPUSD, WED + DAY + 23 * HOUR + SEC, 1.25);
    // A quarter of the units close: a quarter of −20 = −5; −15 stays on the position.
    expectTrade(log.trades[0], { size: 50_000, swap: -5, netPnl: -5 });
    expect(pf.position(GBPUSD).swap).toBeCloseTo(-15, 9);
    pf.closePosition(GBPUSD, WED + DAY + 23 * HOUR + SEC);
    at(pf, GBPUSD, WED + DAY + 23 * HOUR + 2 * SEC, 1.25);
    expectTrade(log.trades[1], { size: 150_000, swap: -15 });
    expect(pf.balance).toBeCloseTo(10_000 - 20, 9);
  });

  it('points convert at the charging tick rate: +10 points on a USDJPY short in USD', () => {
    const { pf } = moneySetup({
      symbols: ['USDJPY'],
      specs: [{ swapLong: -20, swapShort: 10, swapMode: 'points' }],
      rates: { quoteRate: () => 1 / 150 },
    });
    const TUE = MON + DAY;
    at(pf, 0, TUE + 10 * HOUR, 150);
    sell(pf, 0, 100_000, TUE + 10 * HOUR);
    at(pf, 0, TUE + 10 * HOUR + SEC, 150);
    at(pf, 0, TUE + 23 * HOUR, 150);
    // 1 lot × 10 × 0.001 (3 digits) × 100 000 = 1 000 JPY × 1/150 = 6.6667 USD, received.
    expect(pf.position(0).swap).toBeCloseTo(1000 / 150, 9);
  });

  it('a position opened after the rollover pays nothing for it; ticks of any symbol charge', () => {
    const { pf } = moneySetup({ specs: [{ swapLong: -5 }] });
    at(pf, EURUSD, MON + 22 * HOUR + SEC, 1.1);
    buy(pf, EURUSD, 100_000, MON + 22 * HOUR + SEC);
    at(pf, EURUSD, MON + 22 * HOUR + 2 * SEC, 1.1);
    at(pf, GBPUSD, MON + DAY + 21 * HOUR, 1.25);
    expect(pf.position(EURUSD).swap).toBe(0);
    at(pf, GBPUSD, MON + DAY + 22 * HOUR, 1.25); // Tuesday 22:00 exactly, a GBPUSD tick
    expect(pf.position(EURUSD).swap).toBeCloseTo(-5, 9);
  });

  it('rollover instants and weekdays', () => {
    expect(rolloverAfter(MON, 1320)).toBe(MON + 22 * HOUR);
    expect(rolloverAfter(MON + 22 * HOUR, 1320)).toBe(MON + DAY + 22 * HOUR);
    expect(utcWeekday(MON)).toBe(1);
    expect(utcWeekday(MON + 5 * DAY + 22 * HOUR)).toBe(6);
    expect(utcWeekday(Date.UTC(1969, 11, 28))).toBe(0); // before the epoch too
  });
});
