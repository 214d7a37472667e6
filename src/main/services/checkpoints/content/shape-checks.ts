/**
 * Checks that every per-symbol and per-timeframe part of a (schema-valid) checkpoint has the
 * run's shape: one entry per symbol of the config, one per timeframe, names and indices that
 * exist. The later checks, and restore(), index by symbol and timeframe and rely on this.
 */
import { sameEngineConfig } from '../../../engine/mtf/engine-config.ts';
import { engineConfigOf } from '../../runs/run-config.ts';
import { fingerprintSymbols } from '../checkpoint-capture.ts';
import type { CheckpointData } from '../checkpoint-data.ts';
import { Problems, showValue } from './problem-text.ts';

export function shapeProblems(d: CheckpointData): string[] {
  const out = new Problems();
  const { symbols, timeframes, indicators, historySize } = d.config;
  const n = symbols.length;
  const m = timeframes.length;
  const length = (where: string, a: readonly unknown[], want: number, of: string) => {
    if (a.length !== want) out.add(`${where}: has ${a.length} entries, the run has ${want} ${of}`);
    return a.length === want;
  };
  const grid = (where: string, a: readonly (readonly unknown[])[], inner?: number) => {
    if (!length(where, a, n, 'symbols')) return;
    a.forEach((row, s) => length(`${where}[${s}]`, row, m, 'timeframes'));
    if (inner !== undefined) {
      a.forEach((row, s) =>
        row.forEach((c, k) => length(`${where}[${s}][${k}]`, c as unknown[], inner, 'indicators')),
      );
    }
  };
  const e = d.state.engine;
  length('cursor', d.cursor, n, 'symbols');
  const stored = fingerprintSymbols(d.config);
  length('fingerprint', d.fingerprint, stored.length, 'symbols and conversion pairs');
  length('state.engine.consumed', e.consumed, n, 'symbols');
  length('state.engine.barsClosed', e.barsClosed, m, 'timeframes');
  grid('state.engine.partials', e.partials);
  grid('state.engine.histories', e.histories);
  grid('historyRows', d.historyRows);
  grid('historyOldest', d.historyOldest);
  grid('state.engine.indicators', e.indicators, indicators.length);
  grid('watermarks.bars', d.watermarks.bars);
  length('state.portfolio.books', d.state.portfolio.books, n, 'symbols');
  if (d.config.money) {
    length('config.money.specs', d.config.money.specs, n, 'symbols');
    length('config.money.conversions', d.config.money.conversions, n, 'symbols');
  }
  if (out.list.length > 0) return out.list;

  d.fingerprint.forEach((f, i) => {
    if (f.symbol !== stored[i])
      out.add(`fingerprint[${i}].symbol: ${showValue(f.symbol)}, the run reads ${stored[i]}`);
  });
  if (!sameEngineConfig(e.config, engineConfigOf(d.config)))
    out.add('state.engine.config: differs from the run config');
  if (d.state.portfolio.symbols.join('\u0000') !== symbols.join('\u0000'))
    out.add(
      `state.portfolio.symbols: ${showValue(d.state.portfolio.symbols.join())}, the run has ${symbols.join()}`,
    );
  e.queue.forEach((ev, i) => {
    if (ev.symbol >= n || ev.timeframe >= m)
      out.add(`state.engine.queue[${i}]: no symbol ${ev.symbol} / timeframe ${ev.timeframe}`);
  });
  d.state.portfolio.books.forEach((b, s) =>
    b.orders.forEach((o, i) => {
      if (o.symbol !== s)
        out.add(`state.portfolio.books[${s}].orders[${i}].symbol: ${o.symbol}, expected ${s}`);
    }),
  );
  e.histories.forEach((row, s) =>
    row.forEach((h, k) => {
      const where = `state.engine.histories[${s}][${k}]`;
      const rows = d.historyRows[s][k];
      const oldest = d.historyOldest[s][k];
      if (h.capacity !== historySize)
        out.add(`${where}.capacity: ${h.capacity}, the run keeps ${historySize} bars`);
      else if (rows > h.capacity)
        out.add(`historyRows[${s}][${k}]: ${rows}, more than the ${h.capacity} bars kept`);
      else if (d.history === 'store' && h.rows.length > 0)
        // The rows come from the bar store: rows in the file would be a second, unchecked copy.
        out.add(`${where}.rows: ${h.rows.length} values in a checkpoint whose history is 'store'`);
      else if (
        d.history === 'embedded' &&
        (h.rows.length % h.width !== 0 || h.rows.length / h.width !== rows)
      )
        out.add(`${where}.rows: ${h.rows.length} values are not ${rows} rows of ${h.width}`);
      else if (d.history === 'embedded' && (rows > 0 ? h.rows[0] : null) !== oldest)
        out.add(
          `historyOldest[${s}][${k}]: ${oldest}, the history's oldest row is at ${h.rows[0]}`,
        );
      else if (rows > 0 !== (oldest !== null))
        out.add(`historyOldest[${s}][${k}]: ${oldest} for a history of ${rows} rows`);
    }),
  );
  d.pending.bars.forEach((r, i) => {
    if (!symbols.includes(r[0] as string) || !timeframes.includes(r[1] as never))
      out.add(
        `pending.bars[${i}]: ${showValue(r[0])} ${r[1]} is not a symbol and timeframe of the run`,
      );
  });
  d.pending.trades.forEach((r, i) => {
    if (!symbols.includes(r[2] as string))
      out.add(`pending.trades[${i}][2]: ${showValue(r[2])} is not a symbol of the run`);
  });
  return out.list;
}
