/**
 * Which stored data sets a run (or every job of a sweep) reads: one checkbox per symbol with its
 * tick count, then the span of data the ticked ones cover. Shared by New backtest and Optimise.
 */
import type { SymbolSummary } from '../../../../shared/dto.ts';
import { fmtInt, fmtUtc } from '../../components/format.ts';

/** `list` with `item` added (on) or removed (off), for checkbox lists. */
export const toggle = <T,>(list: readonly T[], item: T, on: boolean): T[] =>
  on ? [...list, item] : list.filter((x) => x !== item);

export function SymbolsField({
  id,
  dataSets,
  value,
  problem,
  onChange,
}: {
  id: string;
  dataSets: readonly SymbolSummary[];
  value: readonly string[];
  problem?: string;
  onChange(value: string[]): void;
}) {
  const range = dataSets.filter((d) => value.includes(d.symbol));
  return (
    <>
      <fieldset className="field" aria-describedby={problem ? `${id}-error` : undefined}>
        <legend>Symbols</legend>
        <div className="checks">
          {dataSets.map((d) => (
            <label key={d.symbol} className="check">
              <input
                type="checkbox"
                checked={value.includes(d.symbol)}
                onChange={(e) => onChange(toggle(value, d.symbol, e.target.checked))}
              />
              <span className="mono">{d.symbol}</span>
              <span className="muted small num"> {fmtInt(d.ticks)} ticks</span>
            </label>
          ))}
        </div>
        {problem && (
          <span className="field-error" id={`${id}-error`}>
            {problem}
          </span>
        )}
      </fieldset>
      {range.length > 0 && (
        <p className="hint">
          Data from {fmtUtc(Math.min(...range.map((d) => d.first)), false)} to{' '}
          {fmtUtc(Math.max(...range.map((d) => d.last)), false)} UTC
        </p>
      )}
    </>
  );
}
