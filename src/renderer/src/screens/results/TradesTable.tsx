/**
 * The run's closed trades (sizes in lots; swap, MAE and MFE beside the P&L), sortable by any
 * column (click a header; again to reverse). The sort is shown on the header (▲/▼ and
 * aria-sort). Long lists render in pages of 500 rows. With `onPick`, a row is clickable (the
 * price chart centres on that trade) and the picked one is marked selected.
 */
import { useMemo, useState } from 'react';
import type { TradeDto } from '../../../../shared/dto.ts';
import { count, duration, fixed, money, price, tone, utc } from '../run/format.ts';
import { SortHeader } from '../../components/SortHeader.tsx';

type Key = keyof TradeDto | 'duration';

interface Column {
  key: Key;
  label: string;
  numeric: boolean;
  value: (t: TradeDto) => number | string;
  render: (t: TradeDto) => string;
  signed?: boolean;
}

const COLUMNS: Column[] = [
  { key: 'id', label: '#', numeric: true, value: (t) => t.id, render: (t) => count(t.id) },
  {
    key: 'symbol',
    label: 'Symbol',
    numeric: false,
    value: (t) => t.symbol,
    render: (t) => t.symbol,
  },
  { key: 'side', label: 'Side', numeric: false, value: (t) => t.side, render: (t) => t.side },
  // Sizes as traders read them: lots of the symbol's contract (units stay in the data).
  {
    key: 'lots',
    label: 'Lots',
    numeric: true,
    value: (t) => t.lots,
    render: (t) => fixed(t.lots, 2),
  },
  {
    key: 'entryTime',
    label: 'Entry time',
    numeric: true,
    value: (t) => t.entryTime,
    render: (t) => utc(t.entryTime),
  },
  {
    key: 'entryPrice',
    label: 'Entry',
    numeric: true,
    value: (t) => t.entryPrice,
    render: (t) => price(t.entryPrice),
  },
  {
    key: 'exitTime',
    label: 'Exit time',
    numeric: true,
    value: (t) => t.exitTime,
    render: (t) => utc(t.exitTime),
  },
  {
    key: 'exitPrice',
    label: 'Exit',
    numeric: true,
    value: (t) => t.exitPrice,
    render: (t) => price(t.exitPrice),
  },
  {
    key: 'duration',
    label: 'Held',
    numeric: true,
    value: (t) => t.exitTime - t.entryTime,
    render: (t) => duration((t.exitTime - t.entryTime) / 1000),
  },
  {
    key: 'exitReason',
    label: 'Reason',
    numeric: false,
    value: (t) => t.exitReason,
    render: (t) => t.exitReason,
  },
  {
    key: 'grossPnl',
    label: 'Gross P&L',
    numeric: true,
    value: (t) => t.grossPnl,
    render: (t) => money(t.grossPnl),
    signed: true,
  },
  {
    key: 'commission',
    label: 'Commission',
    numeric: true,
    value: (t) => t.commission,
    render: (t) => money(t.commission),
  },
  {
    key: 'swap',
    label: 'Swap',
    numeric: true,
    value: (t) => t.swap,
    render: (t) => money(t.swap),
    signed: true,
  },
  {
    key: 'netPnl',
    label: 'Net P&L',
    numeric: true,
    value: (t) => t.netPnl,
    render: (t) => money(t.netPnl),
    signed: true,
  },
  // Excursions while open: how far the price went against (MAE) and for (MFE) the trade.
  {
    key: 'maePips',
    label: 'MAE pips',
    numeric: true,
    value: (t) => t.maePips,
    render: (t) => fixed(t.maePips, 1),
  },
  {
    key: 'maeMoney',
    label: 'MAE',
    numeric: true,
    value: (t) => t.maeMoney,
    render: (t) => money(t.maeMoney),
  },
  {
    key: 'mfePips',
    label: 'MFE pips',
    numeric: true,
    value: (t) => t.mfePips,
    render: (t) => fixed(t.mfePips, 1),
  },
  {
    key: 'mfeMoney',
    label: 'MFE',
    numeric: true,
    value: (t) => t.mfeMoney,
    render: (t) => money(t.mfeMoney),
  },
];

const PAGE = 500;

export function TradesTable({
  trades,
  onPick,
  picked = null,
}: {
  trades: TradeDto[];
  /** A row clicked (or Enter on it): the price chart centres on that trade. */
  onPick?: (trade: TradeDto) => void;
  picked?: number | null;
}) {
  const [sort, setSort] = useState<{ key: Key; dir: 'asc' | 'desc' }>({ key: 'id', dir: 'asc' });
  const [limit, setLimit] = useState(PAGE);
  const column = COLUMNS.find((c) => c.key === sort.key) ?? COLUMNS[0];

  const sorted = useMemo(() => {
    const k = sort.dir === 'asc' ? 1 : -1;
    return [...trades].sort((a, b) => {
      const x = column.value(a);
      const y = column.value(b);
      const c =
        typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return c !== 0 ? k * c : a.id - b.id;
    });
  }, [trades, column, sort.dir]);

  const clickHeader = (key: Key) =>
    setSort((s) =>
      s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' },
    );

  if (trades.length === 0) return <p className="muted">No trades.</p>;
  const shown = sorted.slice(0, limit);
  return (
    <>
      <p className="muted" aria-live="polite">
        {trades.length} trades · sorted by {column.label}{' '}
        {sort.dir === 'asc' ? 'ascending' : 'descending'}
      </p>
      <div className="bt-scroll">
        <table className="grid bt-table" aria-label="Trades">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <SortHeader
                  key={c.key}
                  label={c.label}
                  numeric={c.numeric}
                  dir={sort.key === c.key ? sort.dir : null}
                  onSort={() => clickHeader(c.key)}
                />
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((t) => (
              <tr
                key={t.id}
                aria-selected={onPick ? picked === t.id : undefined}
                tabIndex={onPick ? 0 : undefined}
                className={onPick ? 'bt-pickable' : undefined}
                onClick={onPick && (() => onPick(t))}
                onKeyDown={onPick && ((e) => e.key === 'Enter' && onPick(t))}
              >
                {COLUMNS.map((c) => (
                  <td
                    key={c.key}
                    className={
                      [c.numeric ? 'num' : '', c.signed ? tone(Number(c.value(t))) : '']
                        .join(' ')
                        .trim() || undefined
                    }
                  >
                    {c.render(t)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sorted.length > limit && (
        <button type="button" onClick={() => setLimit((l) => l + PAGE)}>
          Show {Math.min(PAGE, sorted.length - limit)} more of {sorted.length - limit}
        </button>
      )}
    </>
  );
}
