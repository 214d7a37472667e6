/**
 * What the run stores (`--record` on the CLI): three checkboxes, all on by default. Statistics
 * are computed whatever is left out; the export holds only what was stored.
 */
import { RECORD_KINDS, type RecordKind } from '../../../../shared/record-kinds.ts';

const LABELS: Record<RecordKind, string> = {
  bars: 'Bars and indicators',
  trades: 'Trades',
  equity: 'Equity curve',
};

export function RecordField(props: {
  value: readonly RecordKind[];
  problem?: string;
  onChange: (value: RecordKind[]) => void;
}) {
  const { value, problem, onChange } = props;
  return (
    <fieldset className="field">
      <legend>Record</legend>
      <div className="checks inline">
        {RECORD_KINDS.map((k) => (
          <label key={k} className="check">
            <input
              type="checkbox"
              checked={value.includes(k)}
              onChange={(e) =>
                onChange(
                  RECORD_KINDS.filter((x) => (x === k ? e.target.checked : value.includes(x))),
                )
              }
            />
            {LABELS[k]}
          </label>
        ))}
      </div>
      {problem ? (
        <span className="field-error">{problem}</span>
      ) : (
        <span className="hint">
          Statistics are computed either way; exports hold what is stored
        </span>
      )}
    </fieldset>
  );
}
