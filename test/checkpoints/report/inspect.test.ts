import { describe, expect, it } from 'vitest';
import { createIndicator } from '../../../src/main/engine/indicators/index.ts';
import { CHECKPOINT_FORMAT_VERSION } from '../../../src/main/services/checkpoints/checkpoint-data.ts';
import {
  inspectCheckpoint,
  type CheckpointFileInfo,
} from '../../../src/main/services/checkpoints/report/index.ts';
import {
  barEvents,
  barsSeen,
  INDICATORS,
  startRun,
  SYMBOLS,
  TIMEFRAMES,
  TICKS_TOTAL,
} from './fixtures.ts';

const FILE: CheckpointFileInfo = {
  path: '/data/runs/run-1/000001.btck',
  fileBytes: 50_000,
  payloadBytes: 200_000,
  header: { version: 1, createdAt: Date.UTC(2025, 0, 2, 3, 4, 5) },
};
const FED = 61_234;
const iso = (t: number) => new Date(t).toISOString();
const columns = INDICATORS.flatMap((spec) => [...createIndicator(spec).columns]);

describe('inspectCheckpoint on a real backtest checkpoint', () => {
  const run = startRun();
  run.feed(FED);
  const { bt, rec } = run;
  const report = inspectCheckpoint(run.checkpoint(), FILE);

  it('places the cursor at the ticks fed, per symbol as the engine consumed them', () => {
    expect(report.cursor.ticks).toBe(FED);
    expect(report.cursor.ticksTotal).toBe(TICKS_TOTAL);
    expect(report.cursor.progressPct).toBeCloseTo((100 * FED) / TICKS_TOTAL, 10);
    expect(report.cursor.perSymbol).toEqual(
      SYMBOLS.map((symbol, s) => ({ symbol, ticks: bt.engine.consumed[s] })),
    );
    expect(report.cursor.perSymbol.reduce((n, p) => n + p.ticks, 0)).toBe(FED);
    expect(report.cursor.simTime).toBe(iso(bt.portfolio.lastTime()));
  });

  it('reports the file, versions, run and meta', () => {
    expect(report.file.compressionRatio).toBe(4);
    expect(report.versions).toEqual({
      format: CHECKPOINT_FORMAT_VERSION,
      header: 1,
      app: '0.0.0-test',
      createdAt: '2025-01-02T03:04:05.000Z',
    });
    expect(report.run).toMatchObject({
      id: 'run-1',
      seq: 1,
      strategy: 'busy',
      params: {},
      symbols: SYMBOLS,
      timeframes: TIMEFRAMES,
      indicators: INDICATORS,
    });
    expect(report.meta).toEqual({
      trigger: 'manual',
      wallTime: '2025-01-02T03:04:05.000Z',
      elapsedSeconds: 1.5,
      ticksPerSec: 123_456,
    });
  });

  it('counts closed bars per timeframe as the sink saw them', () => {
    const seen = barsSeen(rec);
    expect(seen.every((n) => n > 0)).toBe(true);
    expect(report.barsClosed).toEqual(
      TIMEFRAMES.map((timeframe, k) => ({ timeframe, bars: seen[k] })),
    );
  });

  it('shows every partial bar as the engine holds it, and the history kept', () => {
    expect(report.frames.map((f) => `${f.symbol} ${f.timeframe}`)).toEqual(
      SYMBOLS.flatMap((s) => TIMEFRAMES.map((tf) => `${s} ${tf}`)),
    );
    for (const f of report.frames) {
      const s = SYMBOLS.indexOf(f.symbol);
      const k = TIMEFRAMES.indexOf(f.timeframe);
      const live = bt.engine.frames[s].partials[k];
      expect(live.ticks).toBeGreaterThan(0);
      expect(f.partial).toEqual({
        time: iso(live.start),
        open: live.open,
        high: live.high,
        low: live.low,
        close: live.close,
        volume: live.volume,
        ticks: live.ticks,
        progressPct: 100 * live.progress(),
      });
      const closed = barEvents(rec, s, k);
      expect(f.historyBars).toBe(Math.min(closed.length, 100));
      expect(f.lastClosed).toBe(iso(closed.at(-1)![3] as number));
    }
  });

  it('gives indicator values by column as the strategy context reads them, NaN as null', () => {
    let nulls = 0;
    for (const f of report.frames) {
      expect(Object.keys(f.indicators)).toEqual(columns);
      for (const c of columns) {
        const v = bt.ctx.indicator(f.symbol, f.timeframe, c);
        expect(f.indicators[c]).toBe(Number.isNaN(v) ? null : v);
        if (f.indicators[c] === null) nulls++;
      }
      if (f.timeframe === 'H1') expect(f.indicators.sma_200).toBeNull();
    }
    expect(nulls).toBeGreaterThanOrEqual(SYMBOLS.length);
    expect(report.frames.find((f) => f.timeframe === 'M1')!.indicators.ema_5).toEqual(
      expect.any(Number),
    );
  });

  it('shows the account as the live portfolio has it', () => {
    const p = bt.portfolio;
    const lastSample = rec.events.filter((e) => e[0] === 'equity').at(-1)!;
    expect(report.portfolio).toMatchObject({
      balance: p.balance,
      equity: lastSample[3],
      equityTime: iso(lastSample[1] as number),
      equityAtCapture: p.equity(),
    });
    const open = SYMBOLS.map((symbol, i) => ({ symbol, pos: p.position(i), i })).filter(
      (x) => x.pos.size !== 0,
    );
    expect(open.length).toBeGreaterThan(0);
    expect(report.portfolio.positions).toEqual(
      open.map(({ symbol, pos, i }) => ({
        symbol,
        side: pos.size > 0 ? 'long' : 'short',
        size: Math.abs(pos.size),
        entryPrice: pos.entryPrice,
        entryTime: iso(pos.entryTime),
        stopLoss: pos.stopLoss,
        takeProfit: pos.takeProfit,
        tradeId: pos.tradeId,
        unrealizedPnl: p.unrealizedPnl(i),
      })),
    );
    expect(p.pendingOrders().length).toBeGreaterThan(0);
    expect(report.portfolio.pendingOrders).toEqual(
      p
        .pendingOrders()
        .map((o) => ({ ...o, symbol: SYMBOLS[o.symbol], placedAt: iso(o.placedAt) })),
    );
  });

  it('keeps the strategy state, watermarks and pending row counts', () => {
    expect(report.strategyState).toEqual(bt.ctx.state);
    const trades = rec.events.filter((e) => e[0] === 'trade').length;
    expect(report.watermarks.tradeSeq + report.pendingRows.trades).toBe(trades);
    expect(report.watermarks.bars).toHaveLength(SYMBOLS.length * TIMEFRAMES.length);
    expect(report.watermarks.bars.every((b) => b.time === null)).toBe(true);
  });

  it('is plain JSON: stringify and parse give the same report', () => {
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});

describe('inspectCheckpoint before the first tick', () => {
  const run = startRun();
  const report = inspectCheckpoint(run.checkpoint(), FILE);

  it('has no sim time, no partial bars, no values and no positions', () => {
    expect(report.cursor.ticks).toBe(0);
    expect(report.cursor.simTime).toBeNull();
    expect(
      report.frames.every(
        (f) => f.partial === null && f.historyBars === 0 && f.lastClosed === null,
      ),
    ).toBe(true);
    expect(report.frames.every((f) => Object.values(f.indicators).every((v) => v === null))).toBe(
      true,
    );
    expect(report.portfolio).toMatchObject({
      balance: 10_000,
      equity: 10_000,
      equityTime: null,
      positions: [],
      pendingOrders: [],
      closedPositions: 0,
    });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});

describe("inspectCheckpoint on a 'store' checkpoint (histories in the bar store, not the file)", () => {
  it('shows the same history counts and newest closed bars as the same checkpoint embedded', () => {
    const run = startRun();
    run.feed(FED);
    const embedded = run.checkpoint();
    const e = embedded.state.engine;
    // The same state as a 'store' checkpoint: no rows, output committed up to each newest bar.
    const store = {
      ...embedded,
      history: 'store' as const,
      state: {
        ...embedded.state,
        engine: {
          ...e,
          histories: e.histories.map((row) =>
            row.map((h) => ({ ...h, rows: new Float64Array(0) })),
          ),
        },
      },
      watermarks: {
        ...embedded.watermarks,
        bars: e.histories.map((row) =>
          row.map((h) => (h.rows.length > 0 ? h.rows[h.rows.length - h.width] : null)),
        ),
      },
    };
    const frames = inspectCheckpoint(embedded, FILE).frames;
    expect(frames.some((f) => f.historyBars > 0 && f.lastClosed !== null)).toBe(true);
    expect(inspectCheckpoint(store, FILE).frames).toEqual(frames);
  });
});
