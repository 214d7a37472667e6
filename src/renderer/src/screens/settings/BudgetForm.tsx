import { useId, useState, type FormEvent } from 'react';
import type { CheckpointSpace } from '../../../../shared/dto.ts';
import { formatSize, parseSize } from '../../../../shared/size-text.ts';
import { api, errorText } from '../../api/index.ts';
import { Field, invalidProps } from '../../components/Field.tsx';
import { notify } from '../../store/ui.ts';

/**
 * The checkpoint budget: automatic, or a size typed as on the CLI ("2GiB", "500MB"), parsed by
 * the same strict parser (src/shared/size-text.ts) before it is sent; the backend checks again.
 */
export function BudgetForm({
  space,
  onSaved,
}: {
  space: CheckpointSpace;
  onSaved: (s: CheckpointSpace) => void;
}) {
  const id = useId();
  const [auto, setAuto] = useState(space.settingBytes === null);
  const [size, setSize] = useState(
    formatSize(space.settingBytes ?? space.budgetBytes).replace(' ', ''),
  );
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    let bytes: number | null = null;
    if (!auto) {
      try {
        bytes = parseSize(size);
      } catch (err) {
        setProblem((err as Error).message);
        return;
      }
    }
    setProblem(null);
    setBusy(true);
    try {
      const saved = await api.invoke('settings:setCheckpointBudget', { bytes });
      onSaved(saved);
      notify(`Checkpoint budget: ${auto ? 'automatic' : formatSize(saved.budgetBytes)}`, 'success');
    } catch (err) {
      setProblem(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel form" onSubmit={(e) => void submit(e)} noValidate>
      <h2>Checkpoint budget</h2>
      <p className="muted small">
        All checkpoint files of this data folder. Enforced after every checkpoint write: over it,
        completed runs&apos; checkpoints go first, oldest first; the newest valid checkpoint of an
        unfinished run is never deleted.
      </p>
      <label className="check">
        <input type="checkbox" checked={auto} onChange={(e) => setAuto(e.target.checked)} />
        Automatic: min(2 GiB, 10 % of free space) — now {formatSize(space.autoBytes)}
      </label>
      <Field id={`${id}-size`} label="Budget" problem={problem} hint="e.g. 1GiB, 500MB">
        <input
          id={`${id}-size`}
          value={size}
          disabled={auto}
          onChange={(e) => setSize(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          {...invalidProps(`${id}-size`, problem)}
        />
      </Field>
      <button type="submit" className="primary" disabled={busy}>
        Save budget
      </button>
    </form>
  );
}
