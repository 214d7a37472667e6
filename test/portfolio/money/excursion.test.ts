/**
 * MAE/MFE: the worst and best valuation price from entry (a long is valued at the bid, a short at
 * the ask), starting at the entry price; in pips of the spec and in money for the closed units
 * at the exit's rate.
 */
import { describe, it } from 'vitest';
import { expectTrade } from '../helpers.ts';
import { buy, MON, moneySetup, SEC, sell } from './money-helpers.ts';

const EURUSD = 0;

describe('MAE / MFE', () => {
  it('of a long: lowest and highest bid against the entry', () => {
    const { pf, log } = moneySetup();
    pf.onTick(EURUSD, MON, 1.0998, 1.1);
    buy(pf, EURUSD, 100_000, MON);
    pf.onTick(EURUSD, MON + SEC, 1.0998, 1.1); // fills at the ask 1.1000
    pf.onTick(EURUSD, MON + 2 * SEC, 1.099, 1.0992); // worst bid 1.0990
    pf.onTick(EURUSD, MON + 3 * SEC, 1.103, 1.1032); // best bid 1.1030
    pf.closePosition(EURUSD, MON + 3 * SEC);
    pf.onTick(EURUSD, MON + 4 * SEC, 1.101, 1.1012); // sells at 1.1010
    // MAE 1.1000 − 1.0990 = 0.0010 = 10 pips, × 100 000 = 100 USD;
    // MFE 1.1030 − 1.1000 = 0.0030 = 30 pips, 300 USD.
    expectTrade(log.trades[0], { maePips: 10, maeMoney: 100, mfePips: 30, mfeMoney: 300 });
  });

  it('of a short: highest and lowest ask, money at the exit rate for the closed units', () => {
    const { pf, log } = moneySetup({
      symbols: ['USDJPY'],
      rates: { quoteRate: (_s, time) => (time < MON + 5 * SEC ? 1 / 150 : 1 / 160) },
    });
    pf.onTick(0, MON, 150.0, 150.02);
    sell(pf, 0, 200_000, MON);
    pf.onTick(0, MON + SEC, 150.0, 150.02); // short 2 lots at the bid 150.00
    pf.onTick(0, MON + 2 * SEC, 150.13, 150.15); // worst ask 150.15
    pf.onTick(0, MON + 3 * SEC, 149.78, 149.8); // best ask 149.80
    buy(pf, 0, 100_000, MON + 3 * SEC);
    pf.onTick(0, MON + 5 * SEC, 149.88, 149.9); // half closes at 149.90, rate 1/160
    // MAE 150.15 − 150.00 = 0.15 = 15 pips (JPY pip 0.01); money 0.15 × 100 000 / 160 = 93.75.
    // MFE 150.00 − 149.80 = 0.20 = 20 pips; 0.20 × 100 000 / 160 = 125.
    expectTrade(log.trades[0], { maePips: 15, maeMoney: 93.75, mfePips: 20, mfeMoney: 125 });
  });

  it('a reversal starts fresh at its fill price', () => {
    const { pf, log } = moneySetup();
    pf.onTick(EURUSD, MON, 1.1, 1.1);
    buy(pf, EURUSD, 100_000, MON);
    pf.onTick(EURUSD, MON + SEC, 1.1, 1.1);
    pf.onTick(EURUSD, MON + 2 * SEC, 1.09, 1.09); // long's worst 1.0900
    sell(pf, EURUSD, 200_000, MON + 2 * SEC);
    pf.onTick(EURUSD, MON + 3 * SEC, 1.095, 1.095); // closes the long, opens a short at 1.0950
    pf.onTick(EURUSD, MON + 4 * SEC, 1.096, 1.096); // short's worst 1.0960
    pf.closePosition(EURUSD, MON + 4 * SEC);
    pf.onTick(EURUSD, MON + 5 * SEC, 1.096, 1.096);
    expectTrade(log.trades[0], { side: 'long', maePips: 100, mfePips: 0 });
    expectTrade(log.trades[1], { side: 'short', maePips: 10, mfePips: 0 });
  });
});
