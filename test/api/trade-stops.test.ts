/**
 * Trades carry the stop-loss and take-profit in effect when they closed (migration 14): a run with
 * stops stores them, the results and trades.csv show them; a run without stops has none.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { completedRun, useBackends } from './helpers.ts';

const backendIn = useBackends();
const ARGS = {
  symbols: ['EURUSD'],
  strategy: 'ma-cross',
  params: { timeframe: 'M5', trendTimeframe: 'H1', trendPeriod: 10, lots: 0.5 },
  checkpoints: null,
};

describe('trades with stop-loss and take-profit', () => {
  it('stores the stops in effect at the exit and exports them at the end of trades.csv', async () => {
    const params = { ...ARGS.params, stopLossPips: 3, takeProfitPips: 5 };
    const { backend, runId } = await completedRun(backendIn, { ...ARGS, params });
    const { trades } = await backend.invoke('runs:results', { runId, maxPoints: 100 });
    expect(trades.length).toBeGreaterThan(0);
    for (const t of trades) {
      // 3 pips below / 5 above a long's entry (and mirrored for a short), from the signal bar's close.
      const sign = t.side === 'long' ? 1 : -1;
      expect(t.stopLoss).not.toBeNull();
      expect(t.takeProfit).not.toBeNull();
      expect(sign * (t.takeProfit! - t.stopLoss!)).toBeCloseTo(0.0008, 6);
      if (t.exitReason === 'stop-loss')
        expect(Math.abs(t.exitPrice - t.stopLoss!)).toBeLessThan(0.003);
    }
    expect(trades.some((t) => t.exitReason === 'stop-loss' || t.exitReason === 'take-profit')).toBe(
      true,
    );

    const { dir: out } = await backend.invoke('runs:export', { runId });
    const lines = fs.readFileSync(path.join(out, 'trades.csv'), 'utf8').trim().split('\n');
    expect(lines[0].endsWith(',mfe_money,stop_loss,take_profit')).toBe(true);
    const first = lines[1].split(',');
    expect(Number(first.at(-2))).toBe(trades[0].stopLoss);
    expect(Number(first.at(-1))).toBe(trades[0].takeProfit);
  }, 120_000);

  it('leaves them empty for a run without stops', async () => {
    const { backend, runId } = await completedRun(backendIn, ARGS);
    const { trades } = await backend.invoke('runs:results', { runId, maxPoints: 100 });
    expect(trades.length).toBeGreaterThan(0);
    expect(trades.every((t) => t.stopLoss === null && t.takeProfit === null)).toBe(true);
    const { dir: out } = await backend.invoke('runs:export', { runId });
    const row = fs.readFileSync(path.join(out, 'trades.csv'), 'utf8').split('\n')[1];
    expect(row.endsWith(',,')).toBe(true);
  }, 120_000);
});
