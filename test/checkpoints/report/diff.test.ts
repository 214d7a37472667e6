import { describe, expect, it } from 'vitest';
import { createIndicator } from '../../../src/main/engine/indicators/index.ts';
import type { Position } from '../../../src/main/engine/portfolio/types.ts';
import {
  CheckpointDiffError,
  diffCheckpoints,
} from '../../../src/main/services/checkpoints/report/index.ts';
import { barsSeen, INDICATORS, startRun, SYMBOLS, TIMEFRAMES } from './fixtures.ts';

const FIRST = 40_000;
const SECOND = 35_555;
const columns = INDICATORS.flatMap((spec) => [...createIndicator(spec).columns]);
const orNull = (x: number) => (Number.isNaN(x) ? null : x);

/** What the live objects say now, for comparison with the diff. */
function capture(run: ReturnType<typeof startRun>) {
  const { bt, rec } = run;
  const trades = rec.events.filter((e) => e[0] === 'trade');
  const positions = SYMBOLS.map((_, i) => bt.portfolio.position(i));
  const open = new Set(positions.filter((p) => p.size !== 0).map((p) => p.tradeId));
  return {
    checkpoint: run.checkpoint(),
    consumed: [...bt.engine.consumed],
    bars: barsSeen(rec),
    values: SYMBOLS.map((s) =>
      TIMEFRAMES.map((tf) => columns.map((c) => orNull(bt.ctx.indicator(s, tf, c)))),
    ),
    positions,
    balance: bt.portfolio.balance,
    equityNow: bt.portfolio.equity(),
    tradeRows: trades.length,
    equitySample: rec.events.filter((e) => e[0] === 'equity').at(-1)![3] as number,
    /** Positions fully closed: trade ids seen in trade records that are not still open. */
    closed: new Set(trades.map((t) => t[1] as number).filter((id) => !open.has(id))).size,
  };
}

const brief = (p: Readonly<Position>) =>
  p.size === 0
    ? null
    : {
        side: p.size > 0 ? 'long' : 'short',
        size: Math.abs(p.size),
        entryPrice: p.entryPrice,
        tradeId: p.tradeId,
      };

describe('diffCheckpoints between two checkpoints of one real backtest', () => {
  const run = startRun();
  run.feed(FIRST);
  const A = capture(run);
  run.feed(SECOND);
  const B = capture(run);
  const d = diffCheckpoints(A.checkpoint, B.checkpoint);

  it('advances by the ticks fed between them', () => {
    expect(d.a).toMatchObject({ runId: 'run-1', seq: 1, ticks: FIRST });
    expect(d.b).toMatchObject({ runId: 'run-1', seq: 2, ticks: FIRST + SECOND });
    expect(d.ticksAdvanced).toBe(SECOND);
    expect(d.perSymbolTicks).toEqual(
      SYMBOLS.map((symbol, s) => ({
        symbol,
        a: A.consumed[s],
        b: B.consumed[s],
        delta: B.consumed[s] - A.consumed[s],
      })),
    );
  });

  it('counts the bars closed in between as the sink saw them', () => {
    expect(d.barsClosed).toEqual(
      TIMEFRAMES.map((timeframe, k) => ({
        timeframe,
        a: A.bars[k],
        b: B.bars[k],
        delta: B.bars[k] - A.bars[k],
      })),
    );
    expect(d.barsClosed.every((b) => b.delta > 0)).toBe(true);
  });

  it('lists exactly the indicator values that changed, as the strategy context read them', () => {
    const expected = SYMBOLS.flatMap((symbol, s) =>
      TIMEFRAMES.flatMap((timeframe, k) =>
        columns.flatMap((column, c) => {
          const [a, b] = [A.values[s][k][c], B.values[s][k][c]];
          if (a === b) return [];
          return [
            { symbol, timeframe, column, a, b, delta: a === null || b === null ? null : b - a },
          ];
        }),
      ),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(d.indicators).toEqual(expected);
    // sma(200) on H1 never warms up: never listed as changed.
    expect(d.indicators.some((i) => i.timeframe === 'H1' && i.column === 'sma_200')).toBe(false);
  });

  it('lists the positions that changed, as the live portfolio had them', () => {
    const expected = SYMBOLS.map((symbol, i) => ({
      symbol,
      a: brief(A.positions[i]),
      b: brief(B.positions[i]),
    })).filter((p) => JSON.stringify(p.a) !== JSON.stringify(p.b));
    expect(expected.length).toBeGreaterThan(0);
    expect(d.positions).toEqual(expected);
  });

  it('reports money and trades', () => {
    expect(d.balance).toEqual({ a: A.balance, b: B.balance, delta: B.balance - A.balance });
    expect(d.equity).toEqual({
      a: A.equitySample,
      b: B.equitySample,
      delta: B.equitySample - A.equitySample,
    });
    expect(d.equityAtCapture).toEqual({
      a: A.equityNow,
      b: B.equityNow,
      delta: B.equityNow - A.equityNow,
    });
    expect(d.trades).toMatchObject({ a: A.closed, b: B.closed, delta: B.closed - A.closed });
    expect(d.trades.delta).toBeGreaterThan(0);
    expect(d.trades.rows).toEqual({
      a: A.tradeRows,
      b: B.tradeRows,
      delta: B.tradeRows - A.tradeRows,
    });
    expect(d.trades.basis).toMatch(/nextTradeId/);
  });

  it('is plain JSON: stringify and parse give the same report', () => {
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });

  it('of a checkpoint with itself, shows nothing changed', () => {
    const same = diffCheckpoints(B.checkpoint, B.checkpoint);
    expect(same.ticksAdvanced).toBe(0);
    expect(same.indicators).toEqual([]);
    expect(same.positions).toEqual([]);
    expect(same.balance.delta).toBe(0);
  });

  it('refuses checkpoints of runs with different configs, naming both', () => {
    const other = { ...B.checkpoint, runId: 'run-2', configHash: 'another-hash' };
    expect(() => diffCheckpoints(A.checkpoint, other)).toThrow(CheckpointDiffError);
    expect(() => diffCheckpoints(A.checkpoint, other)).toThrow(
      /different run configs: run run-1 seq 1 \(config hash-of-config\) vs run run-2 seq 2 \(config another-hash\)/,
    );
  });
});
