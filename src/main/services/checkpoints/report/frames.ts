/**
 * The engine part of a checkpoint per (symbol, timeframe): the bar being built, the closed bars
 * kept and the current indicator values by column name. The engine snapshot stores indicators as
 * opaque per-spec states (`{ v, spec, last, state }`, `last` = the values read() gives now); the
 * column names come from the indicator library itself (createIndicator(spec).columns), so they are
 * the names the strategy API and the exports use. Inspect and diff both read frames through here.
 */
import { createIndicator } from '../../../engine/indicators/index.ts';
import type { CheckpointData } from '../checkpoint-data.ts';
import { PartialBar, type PartialBarState } from '../../../engine/mtf/partial-bar.ts';
import type { FrameView, PartialBarView } from '../../../../shared/reports.ts';
import { isoTime, num } from './values.ts';

export type { FrameView, PartialBarView } from '../../../../shared/reports.ts';

export function partialOf(p: PartialBarState): PartialBarView | null {
  if (p.ticks === 0) return null;
  const bar = new PartialBar(); // the engine's own progress(), not a copy of it
  bar.restore(p);
  const { open, high, low, close, volume, ticks } = p;
  return {
    time: isoTime(p.start),
    open: num(open),
    high: num(high),
    low: num(low),
    close: num(close),
    volume: num(volume),
    ticks,
    progressPct: num(100 * bar.progress()),
  };
}

/**
 * Time of the newest closed bar of each (symbol, timeframe): the last history row, or — for a
 * 'store' checkpoint, whose rows are in the bar store — where its output ends (the last pending
 * bar, else the watermark; the content checks hold the two to be the same bar).
 */
function newestClosed(d: CheckpointData, s: number, k: number): number | null {
  const h = d.state.engine.histories[s][k];
  if (d.history === 'embedded') return h.rows.length > 0 ? h.rows[h.rows.length - h.width] : null;
  const { symbols, timeframes } = d.config;
  const pending = d.pending.bars.filter((r) => r[0] === symbols[s] && r[1] === timeframes[k]);
  return (pending.at(-1)?.[2] as number | undefined) ?? d.watermarks.bars[s][k];
}

/** Every (symbol, timeframe) of the engine snapshot, symbols in run order, timeframes smallest first. */
export function framesOf(d: CheckpointData): FrameView[] {
  const engine = d.state.engine;
  const { symbols, timeframes } = engine.config;
  const columns = new Map<string, readonly string[]>();
  const columnsOf = (spec: string) => {
    let c = columns.get(spec);
    if (!c) columns.set(spec, (c = createIndicator(spec).columns));
    return c;
  };
  return symbols.flatMap((symbol, s) =>
    timeframes.map((timeframe, k): FrameView => {
      const count = d.historyRows[s][k];
      const newest = newestClosed(d, s, k);
      const indicators: Record<string, number | null> = {};
      engine.indicators[s][k].forEach((state, i) => {
        const where = `indicator ${i} of ${symbol} ${timeframe}`;
        const { spec, last } = indicatorState(state, where);
        const names = columnsOf(spec);
        if (names.length !== last.length) {
          throw new Error(`${where} (${spec}): ${last.length} values for ${names.length} columns`);
        }
        names.forEach((name, c) => (indicators[name] = num(last[c])));
      });
      return {
        symbol,
        timeframe,
        partial: partialOf(engine.partials[s][k]),
        historyBars: count,
        lastClosed: newest === null ? null : isoTime(newest),
        indicators,
      };
    }),
  );
}

/** The parts of an IndicatorSnapshot a report needs, checked: the engine stores them untyped. */
function indicatorState(x: unknown, where: string): { spec: string; last: ArrayLike<number> } {
  const o = (typeof x === 'object' && x !== null ? x : {}) as { spec?: unknown; last?: unknown };
  const last = o.last;
  if (typeof o.spec !== 'string' || !(last instanceof Float64Array || Array.isArray(last))) {
    throw new Error(`${where} is not an indicator snapshot ({ v, spec, last, state })`);
  }
  return { spec: o.spec, last: last as ArrayLike<number> };
}
