/**
 * The Optimise form: market, strategy params (each Fixed or Swept), search. The spec is rebuilt
 * on every edit, its problems shown inline, and the number of jobs it implies asked of the
 * backend (sweeps:plan, debounced); the jobs run here or on the cluster of the settings.
 * Start → sweeps:start → the sweep's view.
 */
import { useId, useState, type FormEvent } from 'react';
import { api, errorText } from '../../api/index.ts';
import { MoneyFields } from '../new/MoneyFields.tsx';
import { ClusterChoice } from '../../components/ClusterChoice.tsx';
import { ErrorPanel } from '../../components/ErrorPanel.tsx';
import { fmtInt } from '../../components/format.ts';
import { useClusterSettings } from '../../components/useClusterSettings.ts';
import { StrategyField } from '../new/StrategyField.tsx';
import { useStrategyChoice } from '../new/useStrategyChoice.ts';
import { useNav } from '../../store/nav.ts';
import { notify } from '../../store/ui.ts';
import { MarketFields } from './MarketFields.tsx';
import { ParamSweepField } from './ParamSweepField.tsx';
import { SearchFields } from './SearchFields.tsx';
import {
  SWEEP_DEFAULTS,
  buildSweepSpec,
  settingOf,
  type ParamSetting,
  type SweepFormValues,
} from './sweep-form.ts';
import { usePlan, type PlanState } from './usePlan.ts';

type Rest = typeof SWEEP_DEFAULTS;

export function SweepForm() {
  const id = useId();
  const fid = (name: string) => `${id}-${name}`;
  const go = useNav((s) => s.go);
  const choice = useStrategyChoice();
  const { dataSets, symbols, setSymbols, strategy, specs } = choice;
  const [paramEdits, setParamEdits] = useState<Record<string, Record<string, ParamSetting>>>({});
  const [rest, setRest] = useState<Rest>(SWEEP_DEFAULTS);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cluster = useClusterSettings();
  const [onCluster, setOnCluster] = useState(false);
  const values: SweepFormValues = {
    ...rest,
    symbols,
    strategy,
    params: paramEdits[strategy] ?? {},
  };
  const built = buildSweepSpec(values, specs);
  const problems = built.problems ?? {};
  const plan = usePlan(built.problems ? null : built.spec);

  // Symbols live apart from the rest: untouched, they follow the first data set.
  const patch = ({
    symbols: picked,
    ...p
  }: Partial<Omit<SweepFormValues, 'strategy' | 'params'>>) => {
    if (picked) setSymbols(picked);
    setRest((r) => ({ ...r, ...p }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (built.problems) return;
    setBusy(true);
    setError(null);
    try {
      const args = {
        spec: built.spec,
        ...(built.workers ? { workers: built.workers } : {}),
        ...(onCluster && cluster.state === 'ready' ? { cluster: true } : {}),
      };
      const { sweepId } = await api.invoke('sweeps:start', args);
      notify(`Started sweep ${sweepId}`, 'success');
      go('optimise', { sweepId });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="opt-form" onSubmit={(e) => void submit(e)} noValidate aria-label="New sweep">
      <div className="columns">
        <MarketFields
          fid={fid}
          dataSets={dataSets}
          values={values}
          problems={problems}
          onChange={patch}
        />
        <section className="panel form">
          <h2>Strategy</h2>
          <StrategyField
            id={fid('strategy')}
            choice={choice}
            allowNone={false}
            problem={problems.strategy}
          />
          <div className="opt-params" role="group" aria-label="Parameters">
            {specs.map((spec) => (
              <ParamSweepField
                key={`${strategy}.${spec.name}`}
                id={fid(`param-${spec.name}`)}
                spec={spec}
                setting={settingOf(values, spec)}
                problem={problems[`param.${spec.name}`]}
                onChange={(next) =>
                  setParamEdits((all) => ({
                    ...all,
                    [strategy]: { ...all[strategy], [spec.name]: next },
                  }))
                }
              />
            ))}
          </div>
        </section>
        <SearchFields fid={fid} values={values} problems={problems} onChange={patch} />
      </div>
      <section className="panel form" aria-label="Account">
        <h2>Account</h2>
        <div className="form-grid">
          <MoneyFields
            id={fid('money')}
            values={values}
            problems={problems}
            onChange={(key, value) => patch({ [key]: value })}
          />
        </div>
      </section>
      <section className="panel form" aria-label="Where it runs">
        <ClusterChoice
          cluster={cluster}
          checked={onCluster}
          onChange={setOnCluster}
          what="The jobs and their checkpoints"
        />
      </section>
      <ErrorPanel
        message={error}
        title="Could not start the sweep"
        onDismiss={() => setError(null)}
      />
      <div className="actions sticky">
        <button type="submit" className="primary big" disabled={busy || !!built.problems}>
          Start sweep
        </button>
        <PlanSummary plan={plan} problems={problems} />
      </div>
    </form>
  );
}

function PlanSummary({ plan, problems }: { plan: PlanState; problems: Record<string, string> }) {
  const count = Object.keys(problems).length;
  let text: string;
  let cls = 'muted';
  if (count > 0)
    text = problems.params ?? `${count === 1 ? '1 field needs' : `${count} fields need`} attention`;
  else if (plan.state === 'ok')
    text =
      `${fmtInt(plan.jobs)} ${plan.jobs === 1 ? 'job' : 'jobs'}` +
      (plan.windows > 0 ? ` in ${fmtInt(plan.windows)} walk-forward windows` : '');
  else if (plan.state === 'error') text = plan.error;
  else text = 'Counting jobs…';
  if (count > 0 || plan.state === 'error') cls = 'field-error';
  else if (plan.state === 'ok') cls = 'strong';
  return (
    <span className={`opt-plan ${cls}`} role="status" aria-label="Jobs planned">
      {text}
    </span>
  );
}
