/**
 * A sortable column header: a button that sorts by the column, ▲/▼ on the sorted one and
 * aria-sort for screen readers. The tables keep their own sort state (key and direction).
 */
interface Props {
  label: string;
  numeric?: boolean;
  /** This column's direction when the table is sorted by it; null otherwise. */
  dir: 'asc' | 'desc' | null;
  onSort: () => void;
}

export function SortHeader({ label, numeric, dir, onSort }: Props) {
  return (
    <th
      className={numeric ? 'num' : undefined}
      aria-sort={dir === null ? undefined : dir === 'asc' ? 'ascending' : 'descending'}
    >
      <button type="button" className="bt-sort" onClick={onSort}>
        {label}
        <span aria-hidden="true">{dir === null ? '' : dir === 'asc' ? ' ▲' : ' ▼'}</span>
      </button>
    </th>
  );
}
