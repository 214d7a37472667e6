import { describe, expect, it } from 'vitest';
import { decodePlain } from '../../src/main/engine/persist/plain-decode.ts';
import { Portfolio, type PortfolioState } from '../../src/main/engine/portfolio/portfolio.ts';
import type { OrderType, Trade } from '../../src/main/engine/portfolio/types.ts';
import { bytes, config, lcg, playScript, T0, TradeLog, type ScriptStep } from './helpers.ts';

/** Two symbols, random walks with spreads, ~1 s apart with a few multi-minute pauses (gaps). */
function script(n: number, seed: number): ScriptStep[] {
  const rnd = lcg(seed);
  const mid = [1.1, 1.27];
  let time = T0;
  const steps: ScriptStep[] = [];
  for (let i = 0; i < n; i++) {
    time += rnd() < 0.01 ? 120_000 + Math.floor(rnd() * 600_000) : Math.floor(rnd() * 2000);
    const symbol = rnd() < 0.6 ? 0 : 1;
    mid[symbol] += (rnd() - 0.5) * 0.0006;
    const spread = 0.0001 + Math.floor(rnd() * 3) * 0.0001;
    const bid = Math.round((mid[symbol] - spread / 2) * 1e5) / 1e5;
    const r = [rnd(), rnd(), rnd(), rnd(), rnd(), rnd()];
    steps.push({ symbol, time, bid, ask: Math.round((bid + spread) * 1e5) / 1e5, r });
  }
  return steps;
}

/** What a strategy might do after a tick; decisions read the portfolio, so they replay exactly. */
function act(pf: Portfolio, s: ScriptStep): void {
  const [a, b, c, d, e, f] = s.r;
  const sym = b < 0.5 ? 0 : 1;
  const px = pf.lastBid(sym);
  const side = c < 0.5 ? 'buy' : 'sell';
  const size = 1000 * (1 + Math.floor(d * 50));
  const dir = side === 'buy' ? 1 : -1;
  const stops =
    e < 0.5
      ? { stopLoss: px - dir * f * 0.003, takeProfit: e < 0.25 ? px + dir * f * 0.004 : null }
      : {};
  if (a < 0.06 || Number.isNaN(px)) {
    if (a < 0.06) pf.submit({ symbol: sym, side, size, ...stops }, s.time);
  } else if (a < 0.12) {
    const type: OrderType = a < 0.09 ? 'limit' : 'stop';
    const offset = (type === 'limit' ? -dir : dir) * (f - 0.2) * 0.001;
    pf.submit({ symbol: sym, side, size, type, price: px + offset, ...stops }, s.time);
  } else if (a < 0.15) {
    const pending = pf.pendingOrders();
    if (pending.length > 0) pf.cancel(pending[Math.floor(f * pending.length)].id);
  } else if (a < 0.17) {
    pf.closePosition(sym, s.time);
  } else if (a < 0.2 && pf.position(sym).size !== 0) {
    const long = pf.position(sym).size > 0 ? 1 : -1;
    pf.setStops(sym, px - long * f * 0.002, d < 0.5 ? null : px + long * e * 0.003);
  }
}

const run = (pf: Portfolio, steps: ScriptStep[], from: number, to: number) =>
  playScript(pf, steps, from, to, act);

describe('portfolio snapshot → encode → decode → restore', () => {
  const N = 4000;
  const steps = script(N, 20240101);
  const straightLog = new TradeLog();
  const straight = new Portfolio(config({ slippage: 0.00002 }), straightLog);
  run(straight, steps, 0, N);
  straight.closeAll(steps[N - 1].time);
  const finalState = bytes(straight.snapshot());

  it('the script exercises every exit reason (else the property proves little)', () => {
    const reasons = new Set(straightLog.trades.map((t) => t.exitReason));
    expect([...reasons].sort()).toEqual(['end-of-data', 'signal', 'stop-loss', 'take-profit']);
    expect(straightLog.trades.length).toBeGreaterThan(100);
  });

  const rnd = lcg(7);
  const cuts = [0, 1, N - 1, ...Array.from({ length: 8 }, () => 1 + Math.floor(rnd() * (N - 2)))];
  for (const cut of cuts) {
    it(`continues identically after a cut at tick ${cut}`, () => {
      const log = new TradeLog();
      const first = new Portfolio(config({ slippage: 0.00002 }), log);
      run(first, steps, 0, cut);
      const tradesBefore = log.trades.length;
      const snap = first.snapshot();
      const decoded = decodePlain(bytes(snap)) as PortfolioState;

      const resumedLog = new TradeLog();
      const resumed = new Portfolio(config({ slippage: 0.00002 }), resumedLog);
      resumed.restore(decoded);
      expect(bytes(resumed.snapshot()).equals(bytes(snap)), 'restore is bit-exact').toBe(true);
      expect(Object.is(resumed.equity(), first.equity())).toBe(true);

      run(resumed, steps, cut, N);
      resumed.closeAll(steps[N - 1].time);
      const trades: Trade[] = [...log.trades.slice(0, tradesBefore), ...resumedLog.trades];
      expect(trades.length).toBe(straightLog.trades.length);
      expect(bytes(trades).equals(bytes(straightLog.trades)), 'same trades, bit for bit').toBe(
        true,
      );
      expect(bytes(resumed.snapshot()).equals(finalState), 'same final state').toBe(true);
      expect(resumed.exposure()).toEqual(straight.exposure());
    });
  }

  it('the snapshot does not alias live state', () => {
    const pf = new Portfolio(config());
    run(pf, steps, 0, 200);
    const snap = pf.snapshot();
    const before = bytes(snap);
    run(pf, steps, 200, 400);
    expect(bytes(snap).equals(before)).toBe(true);
  });

  it('refuses a snapshot of a portfolio over other symbols', () => {
    const snap = new Portfolio(config({ symbols: ['USDJPY'] })).snapshot();
    expect(() => new Portfolio(config()).restore(snap)).toThrow(
      /snapshot is of a portfolio over \[USDJPY\], not \[EURUSD, GBPUSD\]/,
    );
  });
});

describe('account invariants over the random script', () => {
  it('after closeAll, balance = start + Σ netPnl and equity = balance', () => {
    const log = new TradeLog();
    const pf = new Portfolio(config({ slippage: 0.00002 }), log);
    const steps = script(4000, 99);
    run(pf, steps, 0, steps.length);
    pf.closeAll(steps[steps.length - 1].time);
    const net = log.trades.reduce((sum, t) => sum + t.netPnl, 0);
    expect(pf.balance).toBeCloseTo(10_000 + net, 6);
    expect(pf.equity()).toBe(pf.balance);
    for (const t of log.trades) {
      expect(t.netPnl).toBeCloseTo(t.grossPnl - t.commission, 9);
      const move = t.side === 'long' ? t.exitPrice - t.entryPrice : t.entryPrice - t.exitPrice;
      expect(t.grossPnl).toBeCloseTo(move * t.size, 6);
    }
  });
});
