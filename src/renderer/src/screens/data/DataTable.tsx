import type { SymbolSpecDto, SymbolSummary } from '../../../../shared/dto.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { fmtInt, fmtUtc } from '../../components/format.ts';

export const EMPTY_DATA_TEXT = 'No data yet — generate a demo data set or import a tick CSV';

/**
 * The data sets, each with the spec runs will use for it (quote, pip, contract, swaps) and an
 * Edit button; `specs` may lag the list (loaded separately): a row without one shows dashes.
 */
export function DataTable({
  symbols,
  specs = [],
  onEdit,
}: {
  symbols: SymbolSummary[];
  specs?: SymbolSpecDto[];
  onEdit?: (symbol: string) => void;
}) {
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
          <th>Quote</th>
          <th className="num">Pip</th>
          <th className="num">Contract</th>
          <th className="num">Swap long / short</th>
          <th>Spec</th>
        </tr>
      </thead>
      <tbody>
        {symbols.map((s) => {
          const spec = specs.find((x) => x.symbol === s.symbol);
          return (
            <tr key={s.symbol}>
              <td className="mono strong">{s.symbol}</td>
              <td className="num left">{fmtUtc(s.first)}</td>
              <td className="num left">{fmtUtc(s.last)}</td>
              <td className="num">{fmtInt(s.ticks)}</td>
              <td className="mono">{spec?.quote ?? '—'}</td>
              <td className="num">{spec ? String(spec.pipSize) : '—'}</td>
              <td className="num">{spec ? fmtInt(spec.contractSize) : '—'}</td>
              <td className="num">{spec ? swapsText(spec) : '—'}</td>
              <td>
                {spec && <span className="muted small">{specState(spec)} </span>}
                {onEdit && (
                  <button
                    type="button"
                    aria-label={`Edit the specification of ${s.symbol}`}
                    onClick={() => onEdit(s.symbol)}
                  >
                    Edit
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function swapsText(s: SymbolSpecDto): string {
  return `${s.swapLong} / ${s.swapShort} ${s.swapMode === 'points' ? 'pts' : 'money'}`;
}

function specState(s: SymbolSpecDto): string {
  if (s.problem !== undefined) return 'invalid';
  return s.edited ? 'edited' : 'default';
}
