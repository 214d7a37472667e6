/**
 * New backtest: what to test (symbols, dates, timeframes, indicators), the strategy and its
 * params (a form drawn from the strategy's param schema), the account and the checkpoint policy,
 * and where it runs (here, or on the cluster of the settings). "Start backtest" → runs:start →
 * the run's live screen.
 */
import { useId, useState, type FormEvent } from 'react';
import { api, errorText } from '../api/index.ts';
import { ClusterChoice } from '../components/ClusterChoice.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorPanel } from '../components/ErrorPanel.tsx';
import { Field, invalidProps } from '../components/Field.tsx';
import { IsoDateInput } from '../components/IsoDateInput.tsx';
import { useClusterSettings } from '../components/useClusterSettings.ts';
import { useData } from '../store/data.ts';
import { StrategyField } from './new/StrategyField.tsx';
import { useStrategyChoice } from './new/useStrategyChoice.ts';
import { useNav } from '../store/nav.ts';
import { useRuns } from '../store/runs.ts';
import { notify } from '../store/ui.ts';
import {
  DEFAULTS,
  PRICE_SOURCES,
  buildRequest,
  paramDefaults,
  type FormValues,
  type Problems,
  type RawParam,
} from './new/form.ts';
import { RecordField } from './new/RecordField.tsx';
import { SymbolsField } from './new/SymbolsField.tsx';
import { TimeframesField } from './new/TimeframesField.tsx';
import {
  ACCOUNT_FIELDS,
  CHECKPOINT_FIELDS,
  NumberField,
  type NumberSpec,
} from './new/NumberField.tsx';
import { ParamField } from './new/ParamField.tsx';
import { MoneyFields } from './new/MoneyFields.tsx';

type Rest = typeof DEFAULTS;

export function NewBacktestScreen() {
  const id = useId();
  const dataLoaded = useData((s) => s.loaded);
  const go = useNav((s) => s.go);

  const choice = useStrategyChoice();
  const { dataSets, symbols, setSymbols, strategy, specs } = choice;
  const [paramEdits, setParamEdits] = useState<Record<string, Record<string, RawParam>>>({});
  const [rest, setRest] = useState<Rest>(DEFAULTS);
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cluster = useClusterSettings();
  const [onCluster, setOnCluster] = useState(false);
  const params = { ...paramDefaults(specs), ...paramEdits[strategy] };

  const set = <K extends keyof Rest>(key: K, value: Rest[K]) =>
    setRest((r) => ({ ...r, [key]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const values: FormValues = { ...rest, symbols, strategy, params };
    const built = buildRequest(values, specs);
    setProblems(built.problems ?? {});
    if (!built.request) return;
    setBusy(true);
    setError(null);
    try {
      const sendToCluster = onCluster && cluster.state === 'ready';
      const request = sendToCluster ? { ...built.request, cluster: true } : built.request;
      const { runId } = await api.invoke('runs:start', request);
      await useRuns.getState().refresh(runId);
      notify(`Started ${runId}`, 'success');
      go('run', { runId });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  if (dataLoaded && dataSets.length === 0) {
    return (
      <div className="screen">
        <header className="screen-head">
          <h1>New backtest</h1>
        </header>
        <EmptyState title="No data to backtest yet">
          <p className="muted">Generate a demo data set or import a tick CSV first.</p>
          <button type="button" className="primary" onClick={() => go('data')}>
            Go to Data
          </button>
        </EmptyState>
      </div>
    );
  }

  const fid = (name: string) => `${id}-${name}`;
  const numberField = (spec: NumberSpec, disabled = false) => (
    <NumberField
      key={spec.key}
      id={fid(spec.key)}
      spec={spec}
      value={rest[spec.key]}
      problem={problems[spec.key]}
      disabled={disabled}
      onChange={(value) => set(spec.key, value)}
    />
  );
  const problemCount = Object.keys(problems).length;

  return (
    <form className="screen" onSubmit={(e) => void submit(e)} noValidate>
      <header className="screen-head">
        <h1>New backtest</h1>
      </header>

      <div className="columns">
        <section className="panel form">
          <h2>Market</h2>
          <SymbolsField
            id={fid('symbols')}
            dataSets={dataSets}
            value={symbols}
            problem={problems.symbols}
            onChange={setSymbols}
          />
          <div className="form-grid">
            <Field id={fid('from')} label="From" problem={problems.from} hint="Optional, UTC">
              <IsoDateInput
                id={fid('from')}
                value={rest.from}
                onChange={(v) => set('from', v)}
                {...invalidProps(fid('from'), problems.from)}
              />
            </Field>
            <Field id={fid('to')} label="To" problem={problems.to} hint="Optional, UTC">
              <IsoDateInput
                id={fid('to')}
                value={rest.to}
                onChange={(v) => set('to', v)}
                {...invalidProps(fid('to'), problems.to)}
              />
            </Field>
            <Field id={fid('price')} label="Price source" hint="Which tick price builds the bars">
              <select
                id={fid('price')}
                value={rest.price}
                onChange={(e) => set('price', e.target.value as Rest['price'])}
              >
                {PRICE_SOURCES.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <TimeframesField
            value={rest.timeframes}
            problem={problems.timeframes}
            onChange={(timeframes) => set('timeframes', timeframes)}
          />
          <Field
            id={fid('indicators')}
            label="Indicators"
            problem={problems.indicators}
            hint="Comma-separated, e.g. ema(20),rsi(14),bbands(20,2); a strategy adds its own"
          >
            <input
              id={fid('indicators')}
              value={rest.indicators}
              placeholder="ema(20),rsi(14)"
              spellCheck={false}
              onChange={(e) => set('indicators', e.target.value)}
              {...invalidProps(fid('indicators'), problems.indicators)}
            />
          </Field>
          <RecordField
            value={rest.record}
            problem={problems.record}
            onChange={(record) => set('record', record)}
          />
        </section>

        <section className="panel form">
          <h2>Strategy</h2>
          <StrategyField id={fid('strategy')} choice={choice} allowNone />
          {specs.length > 0 && (
            <div className="form-grid params" role="group" aria-label="Parameters">
              {specs.map((spec) => (
                <ParamField
                  key={`${strategy}.${spec.name}`}
                  id={fid(`param-${spec.name}`)}
                  spec={spec}
                  value={params[spec.name]}
                  problem={problems[`param.${spec.name}`]}
                  onChange={(value) =>
                    setParamEdits((all) => ({
                      ...all,
                      [strategy]: { ...all[strategy], [spec.name]: value },
                    }))
                  }
                />
              ))}
            </div>
          )}
        </section>
      </div>

      <div className="columns">
        <section className="panel form">
          <h2>Account</h2>
          <div className="form-grid">
            {ACCOUNT_FIELDS.map((spec) => numberField(spec))}
            <MoneyFields
              id={id}
              values={rest}
              problems={problems}
              onChange={(key, value) => set(key, value)}
            />
          </div>
        </section>

        <section className="panel form">
          <h2>Checkpoints</h2>
          <label className="check">
            <input
              type="checkbox"
              checked={rest.checkpoints}
              onChange={(e) => set('checkpoints', e.target.checked)}
            />
            Write checkpoints
          </label>
          {!rest.checkpoints && (
            <p className="hint warn">Without checkpoints the run cannot be paused or resumed.</p>
          )}
          <div className="form-grid">
            {CHECKPOINT_FIELDS.map((spec) => numberField(spec, !rest.checkpoints))}
          </div>
        </section>
      </div>

      <section className="panel form" aria-label="Where it runs">
        <ClusterChoice
          cluster={cluster}
          checked={onCluster}
          onChange={setOnCluster}
          what="The run and its checkpoints"
        />
      </section>

      <ErrorPanel
        message={error}
        title="Could not start the backtest"
        onDismiss={() => setError(null)}
      />
      <div className="actions sticky">
        <button type="submit" className="primary big" disabled={busy}>
          Start backtest
        </button>
        {busy && <span className="muted">Starting…</span>}
        {problemCount > 0 && (
          <span className="field-error">
            {problemCount === 1 ? '1 field needs' : `${problemCount} fields need`} attention
          </span>
        )}
      </div>
    </form>
  );
}
