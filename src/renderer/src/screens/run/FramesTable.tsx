/**
 * The bars being built right now, one row per (symbol, timeframe) of the run: bucket start, OHLC
 * (5 dp), volume, ticks in the bar, how far the bucket has elapsed, and the indicator values at
 * the last close (one column per indicator output; '—' while warming up).
 */
import type { LiveFrame } from '../../../../shared/dto.ts';
import { count, DASH, fixed, price, utcMinute } from './format.ts';

export function FramesTable({ frames }: { frames: LiveFrame[] }) {
  const columns = indicatorColumns(frames);
  return (
    <table className="grid bt-table" aria-label="Partial bars and indicators">
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
          <th>Bucket</th>
          {columns.map((c) => (
            <th key={c} className="num">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {frames.length === 0 && (
          <tr>
            <td colSpan={10 + columns.length} className="muted">
              Waiting for the first progress update…
            </td>
          </tr>
        )}
        {frames.map((f) => {
          const b = f.partial;
          const pct = Math.max(0, Math.min(100, 100 * f.progress));
          return (
            <tr key={`${f.symbol} ${f.timeframe}`}>
              <td>{f.symbol}</td>
              <td>{f.timeframe}</td>
              <td className="num">{b ? utcMinute(b.time) : DASH}</td>
              <td className="num">{price(b?.open)}</td>
              <td className="num">{price(b?.high)}</td>
              <td className="num">{price(b?.low)}</td>
              <td className="num">{price(b?.close)}</td>
              <td className="num">{fixed(b?.volume, 2)}</td>
              <td className="num">{count(b?.ticks)}</td>
              <td>
                <MiniBar pct={pct} label={`${f.symbol} ${f.timeframe} bar elapsed`} />
              </td>
              {columns.map((c) => (
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
function indicatorColumns(frames: LiveFrame[]): string[] {
  const seen = new Set<string>();
  for (const f of frames) for (const k of Object.keys(f.indicators)) seen.add(k);
  return [...seen];
}

/** A thin progress bar with its percentage. */
export function MiniBar({ pct, label }: { pct: number; label: string }) {
  return (
    <span className="bt-minibar">
      <span
        className="bt-minibar-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(pct)}
      >
        <span className="bt-minibar-fill" style={{ width: `${pct}%` }} />
      </span>
      <span className="num">{fixed(pct, 0)}%</span>
    </span>
  );
}
