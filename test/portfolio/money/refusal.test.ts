/**
 * An order is checked for margin when it would fill: a fill that adds exposure is refused when
 * the margin it adds exceeds the free margin (equity − used) at that moment. Orders that only
 * reduce — closePosition, a smaller opposite order, stop-loss / take-profit — never are.
 * Leverage 1:100, bid = ask, rate 1: margin of u units at p = u × p / 100.
 */
import { describe, expect, it } from 'vitest';
import { at, buy, MON, moneySetup, SEC, sell } from './money-helpers.ts';

const EURUSD = 0;

describe('refusal for want of free margin', () => {
  it('refuses at fill time, removes the order and says why with the amounts', () => {
    const { pf, log } = moneySetup({ balance: 1000, money: { leverage: 100 } });
    at(pf, EURUSD, MON, 1.1);
    const id = buy(pf, EURUSD, 100_000, MON);
    expect(pf.pendingOrders()).toHaveLength(1); // placing is not checked
    at(pf, EURUSD, MON + SEC, 1.1);
    // Needs 100 000 × 1.1 / 100 = 1 100 USD; free = equity 1 000 − used 0 = 1 000.
    expect(log.rejections).toEqual([
      {
        time: MON + SEC,
        orderId: id,
        symbol: 'EURUSD',
        side: 'buy',
        size: 100_000,
        reason: 'not enough free margin: needs 1,100.00 USD, free 1,000.00 USD',
        requiredMargin: expect.closeTo(1100, 8),
        freeMargin: 1000,
      },
    ]);
    expect(pf.pendingOrders()).toEqual([]);
    expect(pf.position(EURUSD).size).toBe(0);
    expect(log.trades).toEqual([]);
  });

  it('checks only the margin a fill adds; reducing orders pass even with negative free margin', () => {
    const { pf, log } = moneySetup({ balance: 1200, money: { leverage: 100, stopOutPct: 50 } });
    at(pf, EURUSD, MON, 1.1);
    buy(pf, EURUSD, 100_000, MON);
    at(pf, EURUSD, MON + SEC, 1.1); // needs 1 100, free 1 200: fills
    expect(log.rejections).toEqual([]);
    at(pf, EURUSD, MON + 2 * SEC, 1.095);
    // −500: equity 700, used 1 095, free −395; level 63.9 % (above the stop-out).
    expect(pf.freeMargin()).toBeCloseTo(-395, 8);
    buy(pf, EURUSD, 10_000, MON + 2 * SEC);
    sell(pf, EURUSD, 50_000, MON + 2 * SEC);
    at(pf, EURUSD, MON + 3 * SEC, 1.095);
    // The add needs 10 000 × 1.095 / 100 = 109.50: refused. The sell reduces: fills (−250).
    expect(log.rejections.map((r) => r.reason)).toEqual([
      'not enough free margin: needs 109.50 USD, free -395.00 USD',
    ]);
    expect(log.trades.map((t) => [t.size, t.exitReason])).toEqual([[50_000, 'signal']]);
    pf.closePosition(EURUSD, MON + 3 * SEC);
    at(pf, EURUSD, MON + 4 * SEC, 1.095);
    expect(pf.position(EURUSD).size).toBe(0);
    expect(log.rejections).toHaveLength(1);
  });

  it('a reversal is checked for the exposure beyond the closed position only', () => {
    const { pf, log } = moneySetup({ balance: 1200, money: { leverage: 100 } });
    at(pf, EURUSD, MON, 1.0);
    buy(pf, EURUSD, 100_000, MON);
    at(pf, EURUSD, MON + SEC, 1.0); // margin 1 000, free 200
    sell(pf, EURUSD, 200_000, MON + SEC); // long 1 lot → short 1 lot: adds 0 margin
    at(pf, EURUSD, MON + 2 * SEC, 1.0);
    expect(pf.position(EURUSD).size).toBe(-100_000);
    sell(pf, EURUSD, 120_000, MON + 2 * SEC); // adds 1 200 over free 200: refused
    at(pf, EURUSD, MON + 3 * SEC, 1.0);
    expect(log.rejections.map((r) => r.reason)).toEqual([
      'not enough free margin: needs 1,200.00 USD, free 200.00 USD',
    ]);
  });
});
