/**
 * The warnings a run's report carries: plain sentences about why its numbers may say little.
 * The main one answers "why no trade?": a strategy whose indicators never had the bars they need
 * within the data cannot have traded (an sma(50) on D1 over 20 days of data never has a value).
 */
import { createIndicator } from '../indicators/index.ts';
import type { MtfEngine } from '../mtf/mtf-engine.ts';
import type { Timeframe } from '../mtf/timeframes.ts';

/** More sentences than this are summed up in one ("… and N more"). */
export const MAX_NOT_READY_WARNINGS = 8;

export interface RunWarningInput {
  strategy: string;
  trades: number;
  rejectedOrders: number;
  /** What the strategy's requires(params) named (timeframes absent: the run's timeframes). */
  needs: { timeframes?: readonly Timeframe[]; indicators?: readonly string[] };
  engine: MtfEngine;
}

/** Bars closed on one (symbol, timeframe): exact while the history is not full, else a floor. */
interface BarCount {
  bars: number;
  atLeast: boolean;
}

export function runWarnings(w: RunWarningInput): string[] {
  const out: string[] = [];
  if (w.trades === 0) out.push(...noTradeWarnings(w));
  if (w.rejectedOrders > 0)
    out.push(
      `${w.rejectedOrders} order${w.rejectedOrders === 1 ? ' was' : 's were'} refused for want of free margin`,
    );
  return out;
}

function noTradeWarnings(w: RunWarningInput): string[] {
  const { engine } = w;
  const config = engine.config;
  const frames = (w.needs.timeframes?.length ? w.needs.timeframes : config.timeframes).filter(
    (tf) => config.timeframes.includes(tf),
  );
  const specs = [...new Set((w.needs.indicators ?? []).map((s) => createIndicator(s).spec))];
  const notReady: string[] = [];
  config.symbols.forEach((symbol, s) => {
    for (const tf of frames) {
      const k = config.timeframes.indexOf(tf);
      const count = barsClosed(engine, s, k);
      const set = engine.frames[s].indicators[k];
      for (const spec of specs) {
        const ind = set.indicators[config.indicators.indexOf(spec)];
        if (!ind) continue;
        const needed = ind.firstOutputIndex + 1;
        // With a full history the count is a floor: it can say "not ready" only if the
        // history is shorter than the need, and then the indicator's own value decides.
        const ready = count.atLeast
          ? count.bars >= needed || !allNaN(set.values, set.columns, ind.columns)
          : count.bars >= needed;
        if (!ready)
          notReady.push(
            `${w.strategy} made no trade: ${spec} on ${symbol} ${tf} needs ${needed} bar${needed === 1 ? '' : 's'}, ` +
              `the data gave ${count.atLeast ? 'at least ' : ''}${count.bars}`,
          );
      }
    }
  });
  if (notReady.length > MAX_NOT_READY_WARNINGS) {
    const more = notReady.length - MAX_NOT_READY_WARNINGS + 1;
    return [
      ...notReady.slice(0, MAX_NOT_READY_WARNINGS - 1),
      `… and ${more} more indicators that never had enough bars`,
    ];
  }
  if (notReady.length > 0) return notReady;
  // Refused orders are the reason then (said by the sentence after this one), not the conditions.
  if (w.rejectedOrders > 0)
    return [`${w.strategy} made no trade: every order it placed was refused`];
  return [
    specs.length > 0
      ? `${w.strategy} made no trade although its indicators were ready within the data (${specs.join(', ')}): its conditions were never met`
      : `${w.strategy} made no trade`,
  ];
}

function barsClosed(engine: MtfEngine, s: number, k: number): BarCount {
  const h = engine.frames[s].histories[k];
  return { bars: h.length, atLeast: h.length >= h.capacity };
}

/** Whether every one of `wanted` columns of the set's last values is NaN (no value yet). */
function allNaN(values: Float64Array, columns: readonly string[], wanted: readonly string[]) {
  return wanted.every((c) => {
    const v = values[columns.indexOf(c)];
    return v === undefined || v !== v;
  });
}
