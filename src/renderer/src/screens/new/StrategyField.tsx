/**
 * The strategy picker of a backtest form (New backtest, Optimise): the select, what the chosen
 * strategy is (its description, a user strategy's file), and the strategy files that failed to
 * load, so a trader sees why their own strategy is not in the list.
 */
import { ErrorPanel } from '../../components/ErrorPanel.tsx';
import { Field } from '../../components/Field.tsx';
import type { useStrategyChoice } from './useStrategyChoice.ts';

interface Props {
  id: string;
  choice: ReturnType<typeof useStrategyChoice>;
  /** New backtest offers "None" (bars and indicators only); a sweep needs a strategy. */
  allowNone: boolean;
  problem?: string;
}

export function StrategyField({ id, choice, allowNone, problem }: Props) {
  const { strategies, strategiesError, strategy, setStrategy, info } = choice;
  const hint = info
    ? `${info.description}${info.source === 'user' ? ` · ${info.file}` : ''}`
    : allowNone
      ? 'Bars and indicators only, no trading'
      : undefined;
  return (
    <>
      <Field id={id} label="Strategy" problem={problem} hint={hint}>
        <select id={id} value={strategy} onChange={(e) => setStrategy(e.target.value)}>
          {allowNone && <option value="">None (bars and indicators only)</option>}
          {strategies?.strategies.map((s) => (
            <option key={s.name} value={s.name}>
              {s.name}
              {s.source === 'user' ? ' (user)' : ''}
            </option>
          ))}
        </select>
      </Field>
      <ErrorPanel message={strategiesError} title="Could not list the strategies" />
      {strategies && strategies.errors.length > 0 && (
        <div className="warn-panel">
          <strong>Strategy files that failed to load</strong>
          {strategies.errors.map((e) => (
            <pre key={e.file} className="error-text">
              {e.file}: {e.message}
            </pre>
          ))}
        </div>
      )}
    </>
  );
}
