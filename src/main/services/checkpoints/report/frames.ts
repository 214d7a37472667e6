/**
 * The engine part of a checkpoint per (symbol, timeframe): the bar being built, the closed bars
 * kept and the current indicator values by column name. The engine snapshot stores indicators as
 * opaque per-spec states (`{ v, spec, last, state }`, `last` = the values read() gives now); the
 * column names come from the indicator library itself (createIndicator(spec).columns), so they are
 * the names the strategy API and the exports use. Inspect and diff both read frames through here.
 */
import { createIndicator } from '../../../engine/indicators/index.ts';
import type { EngineSnapshot } from '../../../engine/mtf/mtf-engine.ts';
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

/** Every (symbol, timeframe) of the engine snapshot, symbols in run order, timeframes smallest first. */
export function framesOf(engine: EngineSnapshot): FrameView[] {
  const { symbols, timeframes } = engine.config;
  const columns = new Map<string, readonly string[]>();
  const columnsOf = (spec: string) => {
    let c = columns.get(spec);
    if (!c) columns.set(spec, (c = createIndicator(spec).columns));
    return c;
  };
  return symbols.flatMap((symbol, s) =>
    timeframes.map((timeframe, k): FrameView => {
      const h = engine.histories[s][k];
      const count = h.rows.length / h.width;
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
        lastClosed: count > 0 ? isoTime(h.rows[(count - 1) * h.width]) : null,
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
