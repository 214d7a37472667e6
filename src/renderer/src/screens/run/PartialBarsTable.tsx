/**
 * The bars being built, one row per (symbol, timeframe): symbol, timeframe, bucket start, OHLC
 * (5 dp), volume and ticks in the bar, then the caller's own columns, then one column per
 * indicator output (first-seen order; '—' while warming up). The live run screen and the
 * checkpoint inspector both show it, each with its own time and volume format.
 */
import type { ReactNode } from 'react';
import type { PartialBarView } from '../../../../shared/dto.ts';
import { count, price } from './format.ts';

export interface BarFrame {
  symbol: string;
  timeframe: string;
  /** The bar being built: a live bucket start is epoch ms, a checkpoint's an ISO string. */
  partial: (Omit<PartialBarView, 'time' | 'progressPct'> & { time: number | string | null }) | null;
  indicators: Record<string, number | null>;
}

/**
 * A column after Ticks. `num` aligns header and cells right, `time` only the cells (a timestamp
 * under a left-aligned title), `text` neither.
 */
export interface ExtraColumn<F> {
  title: string;
  kind: 'num' | 'time' | 'text';
  cell: (frame: F) => ReactNode;
}

export function PartialBarsTable<F extends BarFrame>({
  label,
  frames,
  barTime,
  volume,
  extra,
  empty,
}: {
  /** The table's accessible name. */
  label: string;
  frames: F[];
  barTime: (time: number | string | null | undefined) => string;
  volume: (volume: number | null | undefined) => string;
  extra: ExtraColumn<F>[];
  /** Text of the one row shown while there are no frames; no row when omitted. */
  empty?: string;
}) {
  const indicators = indicatorColumns(frames);
  return (
    <table className="grid bt-table" aria-label={label}>
      <thead>
        <tr>
          <th>Symbol</th>
          <th>TF</th>
          <th>Bar open</th>
          <th className="num">Open</th>
          <th className="num">High</th>
          <th className="num">Low</th>
          <th className="num">Close</th>
          <th className="num">Volume</th>
          <th className="num">Ticks</th>
          {extra.map((c) => (
            <th key={c.title} className={c.kind === 'num' ? 'num' : undefined}>
              {c.title}
            </th>
          ))}
          {indicators.map((c) => (
            <th key={c} className="num">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {frames.length === 0 && empty !== undefined && (
          <tr>
            <td colSpan={9 + extra.length + indicators.length} className="muted">
              {empty}
            </td>
          </tr>
        )}
        {frames.map((f) => {
          const b = f.partial;
          return (
            <tr key={`${f.symbol} ${f.timeframe}`}>
              <td>{f.symbol}</td>
              <td>{f.timeframe}</td>
              <td className="num">{barTime(b?.time)}</td>
              <td className="num">{price(b?.open)}</td>
              <td className="num">{price(b?.high)}</td>
              <td className="num">{price(b?.low)}</td>
              <td className="num">{price(b?.close)}</td>
              <td className="num">{volume(b?.volume)}</td>
              <td className="num">{count(b?.ticks)}</td>
              {extra.map((c) => (
                <td key={c.title} className={c.kind === 'text' ? undefined : 'num'}>
                  {c.cell(f)}
                </td>
              ))}
              {indicators.map((c) => (
                <td key={c} className="num">
                  {price(f.indicators[c])}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Indicator output names over all frames, in first-seen order. */
function indicatorColumns(frames: BarFrame[]): string[] {
  return [...new Set(frames.flatMap((f) => Object.keys(f.indicators)))];
}
