/**
 * A margin call sequence: two longs under leverage 1:100 with the stop-out at 50 %, prices fall,
 * the broker closes the bigger loser first and the other only while the level is still at or
 * below the stop-out. Spreads are 0 (bid = ask) so every figure is easy to check by hand;
 * margin of u units at p = u × p × rate(1) × marginRate(1) / 100.
 */
import { describe, expect, it } from 'vitest';
import { expectTrade } from '../helpers.ts';
import { at, buy, MON, moneySetup, SEC } from './money-helpers.ts';

const EURUSD = 0;
const GBPUSD = 1;

/** Balance 3 000; one lot of each: EURUSD at 1.1000 (margin 1 100), GBPUSD at 1.2500 (1 250). */
function twoLongs() {
  const s = moneySetup({ balance: 3000, money: { leverage: 100, stopOutPct: 50 } });
  const { pf } = s;
  at(pf, EURUSD, MON, 1.1);
  at(pf, GBPUSD, MON, 1.25);
  buy(pf, EURUSD, 100_000, MON);
  buy(pf, GBPUSD, 100_000, MON);
  at(pf, EURUSD, MON + SEC, 1.1);
  at(pf, GBPUSD, MON + SEC, 1.25);
  // Used 1 100 + 1 250 = 2 350; equity 3 000; level 3 000 / 2 350 × 100 = 127.66 %.
  expect(pf.usedMargin()).toBeCloseTo(2350, 8);
  expect(pf.marginLevel()).toBeCloseTo((3000 / 2350) * 100, 8);
  return s;
}

describe('stop-out', () => {
  it('closes the biggest loser first, and the next one only if the level is still too low', () => {
    const { pf, log } = twoLongs();
    at(pf, EURUSD, MON + 2 * SEC, 1.085);
    // EURUSD −0.0150 × 100 000 = −1 500, margin 1 085; equity 1 500, used 2 335: level 64.24 %.
    expect(pf.marginLevel()).toBeCloseTo((1500 / 2335) * 100, 8);
    expect(log.trades).toEqual([]);
    at(pf, GBPUSD, MON + 3 * SEC, 1.243);
    // GBPUSD −700, margin 1 243: equity 800, used 2 328, level 34.36 % <= 50: the bigger loser
    // (EURUSD, −1 500) closes at its bid 1.0850. Balance 1 500; equity 1 500 − 700 = 800 over
    // used 1 243: level 64.36 % > 50, so GBPUSD stays open.
    expect(log.trades).toHaveLength(1);
    expectTrade(log.trades[0], {
      symbol: 'EURUSD',
      exitReason: 'stop-out',
      exitPrice: 1.085,
      exitTime: MON + 3 * SEC,
      grossPnl: -1500,
    });
    expect(pf.position(GBPUSD).size).toBe(100_000);
    expect(pf.balance).toBeCloseTo(1500, 8);
    expect(pf.marginLevel()).toBeCloseTo((800 / 1243) * 100, 8);
    at(pf, GBPUSD, MON + 4 * SEC, 1.237);
    // GBPUSD −1 300: equity 200 over used 1 237 = 16.17 %: closes at 1.2370; balance 200.
    expectTrade(log.trades[1], { symbol: 'GBPUSD', exitReason: 'stop-out', grossPnl: -1300 });
    expect(pf.balance).toBeCloseTo(200, 8);
    expect(pf.marginLevel()).toBeNull();
  });

  it('closes both on one tick when closing the first does not lift the level enough', () => {
    const { pf, log } = twoLongs();
    at(pf, EURUSD, MON + 2 * SEC, 1.085); // −1 500 (level 64.24 %, as above)
    at(pf, GBPUSD, MON + 3 * SEC, 1.2); // −5 000: equity −3 500
    // GBPUSD is the bigger loser now (−5 000 < −1 500): it goes first, balance 3 000 − 5 000 =
    // −2 000; equity −2 000 − 1 500 = −3 500 over used 1 085: still below, EURUSD goes too.
    expect(log.trades.map((t) => [t.symbol, t.exitReason, t.exitTime])).toEqual([
      ['GBPUSD', 'stop-out', MON + 3 * SEC],
      ['EURUSD', 'stop-out', MON + 3 * SEC],
    ]);
    expect(pf.balance).toBeCloseTo(-3500, 8);
  });

  it('a tie goes to the lower symbol index; slippage is charged on the stop-out fill', () => {
    const { pf, log } = moneySetup({
      balance: 2100,
      slippage: 0.0001,
      money: { leverage: 100, stopOutPct: 50 },
    });
    at(pf, EURUSD, MON, 1.0);
    at(pf, GBPUSD, MON, 1.0);
    buy(pf, EURUSD, 100_000, MON);
    buy(pf, GBPUSD, 100_000, MON);
    at(pf, EURUSD, MON + SEC, 0.9999); // fills at ask 0.9999 + slippage 0.0001 = 1.0000
    at(pf, GBPUSD, MON + SEC, 0.9999); // likewise; used 999.9 × 2 at the bid 0.9999
    // Both at 0.9910: −900 each; equity 2 100 − 1 800 = 300; used 991 × 2; level 15.1 %.
    // Equal losers: EURUSD (index 0) first, at bid − slippage = 0.9909 (gross −910); balance
    // 1 190, equity 1 190 − 900 = 290 over 991: 29.3 %: GBPUSD follows.
    at(pf, GBPUSD, MON + 2 * SEC, 0.991);
    // EURUSD still at 0.9999 (−10): level (2 100 − 10 − 900) / (999.9 + 991) = 59.8 %: no action.
    expect(log.trades).toEqual([]);
    at(pf, EURUSD, MON + 3 * SEC, 0.991);
    expect(log.trades.map((t) => t.symbol)).toEqual(['EURUSD', 'GBPUSD']);
    expectTrade(log.trades[0], { exitPrice: 0.9909, grossPnl: -910 });
  });

  it('never acts with unlimited leverage', () => {
    const { pf, log } = moneySetup({ balance: 100 });
    at(pf, EURUSD, MON, 1.1);
    buy(pf, EURUSD, 100_000, MON);
    at(pf, EURUSD, MON + SEC, 1.1);
    at(pf, EURUSD, MON + 2 * SEC, 1.0); // −10 000 on a 100 balance
    expect(log.trades).toEqual([]);
    expect(pf.usedMargin()).toBe(0);
    expect(pf.marginLevel()).toBeNull();
  });
});
