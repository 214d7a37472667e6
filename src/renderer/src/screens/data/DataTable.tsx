import type { SymbolSummary } from '../../../../shared/dto.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { fmtInt, fmtUtc } from '../../components/format.ts';

export const EMPTY_DATA_TEXT = 'No data yet — generate a demo data set or import a tick CSV';

export function DataTable({ symbols }: { symbols: SymbolSummary[] }) {
  if (symbols.length === 0) {
    return (
      <EmptyState title={EMPTY_DATA_TEXT}>
        <p className="muted">
          A demo set is the quickest start: pick a symbol and a few days below and press Generate.
          Your own ticks come from a CSV export (Dukascopy, HistData, TrueFX or a generic
          time,bid,ask file).
        </p>
      </EmptyState>
    );
  }
  return (
    <table className="grid" aria-label="Data sets">
      <thead>
        <tr>
          <th>Symbol</th>
          <th>First tick (UTC)</th>
          <th>Last tick (UTC)</th>
          <th className="num">Ticks</th>
        </tr>
      </thead>
      <tbody>
        {symbols.map((s) => (
          <tr key={s.symbol}>
            <td className="mono strong">{s.symbol}</td>
            <td className="num left">{fmtUtc(s.first)}</td>
            <td className="num left">{fmtUtc(s.last)}</td>
            <td className="num">{fmtInt(s.ticks)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
