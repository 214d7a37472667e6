/**
 * Straight vs split with every money rule live: a USD account over EURUSD and USDJPY (converted
 * through the script's own USDJPY quotes), leverage with refusals and stop-outs, swaps across
 * several rollovers, excursions. A run cut anywhere, snapshot → encode → decode → restored into
 * a fresh portfolio, must give the same trades, refusals and final state, bit for bit.
 */
import { describe, expect, it } from 'vitest';
import { decodePlain } from '../../../src/main/engine/persist/plain-decode.ts';
import { Portfolio, type PortfolioState } from '../../../src/main/engine/portfolio/portfolio.ts';
import type { PortfolioConfig, RateSource } from '../../../src/main/engine/portfolio/types.ts';
import { defaultSymbolSpec } from '../../../src/shared/symbol-spec.ts';
import { bytes, lcg, playScript, type ScriptStep } from '../helpers.ts';
import { MON, MoneyLog } from './money-helpers.ts';

/** ~6 days of ticks a few minutes apart (so rollovers and a weekend pass), random walks. */
function script(n: number, seed: number): ScriptStep[] {
  const rnd = lcg(seed);
  const mid = [1.1, 150];
  const vol = [0.003, 0.4];
  let time = MON;
  const steps: ScriptStep[] = [];
  for (let i = 0; i < n; i++) {
    time += 60_000 + Math.floor(rnd() * 240_000);
    const symbol = rnd() < 0.6 ? 0 : 1;
    mid[symbol] += (rnd() - 0.5) * vol[symbol];
    const digits = symbol === 0 ? 1e5 : 1e3;
    const bid = Math.round(mid[symbol] * digits) / digits;
    const ask = Math.round((bid + (symbol === 0 ? 0.0002 : 0.02)) * digits) / digits;
    steps.push({ symbol, time, bid, ask, r: [rnd(), rnd(), rnd(), rnd()] });
  }
  return steps;
}

/** USD per JPY from the script's last USDJPY tick at or before `time` (a pure function of time). */
function rates(steps: ScriptStep[]): RateSource {
  const yen = steps.filter((s) => s.symbol === 1);
  return {
    quoteRate(symbol, time) {
      if (symbol === 0) return 1;
      let lo = 0;
      let hi = yen.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (yen[mid].time <= time) lo = mid;
        else hi = mid - 1;
      }
      return 2 / (yen[lo].bid + yen[lo].ask);
    },
  };
}

function config(): PortfolioConfig {
  const specs = ['EURUSD', 'USDJPY'].map(defaultSymbolSpec);
  Object.assign(specs[0], { swapLong: -6.5, swapShort: 1.2 });
  Object.assign(specs[1], { swapLong: 12, swapShort: -25, swapMode: 'points' });
  return {
    symbols: ['EURUSD', 'USDJPY'],
    balance: 3000,
    lotSize: 100_000,
    commissionPerLot: 7,
    slippage: 0.00001,
    money: { currency: 'USD', specs, leverage: 200, stopOutPct: 50, rolloverMinutes: 1320 },
  };
}

function act(pf: Portfolio, s: ScriptStep): void {
  const [a, b, c, d] = s.r;
  const sym = b < 0.5 ? 0 : 1;
  if (a < 0.08) {
    pf.submit(
      { symbol: sym, side: c < 0.5 ? 'buy' : 'sell', size: 10_000 * (1 + Math.floor(d * 30)) },
      s.time,
    );
  } else if (a < 0.1) pf.closePosition(sym, s.time);
}

const run = (pf: Portfolio, steps: ScriptStep[], from: number, to: number) =>
  playScript(pf, steps, from, to, act);

describe('money state: snapshot → encode → decode → restore', () => {
  const N = 3000;
  const steps = script(N, 12);
  const straightLog = new MoneyLog();
  const straight = new Portfolio(config(), straightLog, rates(steps));
  run(straight, steps, 0, N);
  straight.closeAll(steps[N - 1].time);
  const finalState = bytes(straight.snapshot());

  it('the script reaches every money rule (else the property proves little)', () => {
    const t = straightLog.trades;
    expect(new Set(t.map((x) => x.exitReason))).toContain('stop-out');
    expect(t.some((x) => x.swap !== 0)).toBe(true);
    expect(t.some((x) => x.symbol === 'USDJPY')).toBe(true);
    expect(straightLog.rejections.length).toBeGreaterThan(0);
    expect(steps[N - 1].time - MON).toBeGreaterThan(5 * 86_400_000);
  });

  const rnd = lcg(3);
  const cuts = [1, N - 1, ...Array.from({ length: 6 }, () => 1 + Math.floor(rnd() * (N - 2)))];
  for (const cut of cuts) {
    it(`continues identically after a cut at tick ${cut}`, () => {
      const log = new MoneyLog();
      const first = new Portfolio(config(), log, rates(steps));
      run(first, steps, 0, cut);
      const snap = first.snapshot();
      const decoded = decodePlain(bytes(snap)) as PortfolioState;
      const resumedLog = new MoneyLog();
      const resumed = new Portfolio(config(), resumedLog, rates(steps));
      resumed.restore(decoded);
      expect(bytes(resumed.snapshot()).equals(bytes(snap)), 'restore is bit-exact').toBe(true);
      expect(Object.is(resumed.equity(), first.equity())).toBe(true);
      expect(Object.is(resumed.usedMargin(), first.usedMargin())).toBe(true);
      run(resumed, steps, cut, N);
      resumed.closeAll(steps[N - 1].time);
      const trades = [...log.trades, ...resumedLog.trades];
      expect(bytes(trades).equals(bytes(straightLog.trades)), 'same trades').toBe(true);
      const rejections = [...log.rejections, ...resumedLog.rejections];
      expect(bytes(rejections).equals(bytes(straightLog.rejections)), 'same refusals').toBe(true);
      expect(bytes(resumed.snapshot()).equals(finalState), 'same final state').toBe(true);
    });
  }

  it('after closeAll, balance = start + Σ netPnl and each netPnl = gross − commission + swap', () => {
    const net = straightLog.trades.reduce((sum, t) => sum + t.netPnl, 0);
    expect(straight.balance).toBeCloseTo(3000 + net, 6);
    for (const t of straightLog.trades) {
      expect(t.netPnl).toBeCloseTo(t.grossPnl - t.commission + t.swap, 9);
      expect(Math.min(t.maePips, t.maeMoney, t.mfePips, t.mfeMoney)).toBeGreaterThanOrEqual(0);
    }
  });
});
