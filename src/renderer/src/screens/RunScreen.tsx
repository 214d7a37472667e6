/**
 * One run, live: status, progress (ticks, ticks/s, ETA, simulated time, balance, equity and,
 * with leverage, the margin level), the equity curve, the price chart (its partial bar live), the money settings, the bars being built
 * with their indicator values, and the controls (pause, resume, checkpoint now, stop). Progress arrives as `run:progress` events for this run; the initial state comes from
 * `runs:get`, and a run that is not running shows its stored equity curve.
 */
import { useState } from 'react';
import type { RunInfo } from '../../../shared/dto.ts';
import { useDisconnected } from '../store/connection.ts';
import { useNav } from '../store/nav.ts';
import { api, errorText } from './run/backend.ts';
import { EquityChart } from './run/EquityChart.tsx';
import { FramesTable } from './run/FramesTable.tsx';
import { ErrorPanel } from '../components/ErrorPanel.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { StrategyParams } from '../components/StrategyParams.tsx';
import { ClusterMark } from './runs/ClusterMark.tsx';
import { bytes, count, DASH, duration, fixed, money, tone, utc, utcDate } from './run/format.ts';
import { useRunLive } from './run/useRunLive.ts';
import { MoneySettings } from './results/MoneySettings.tsx';
import { PriceChart } from '../components/price-chart/PriceChart.tsx';
import { followRange, useChartLink } from '../components/price-chart/chart-link.ts';
import { formatLeverage, formatPercent } from '../../../shared/report-format.ts';
import './run/screens.css';

export function RunScreen({ runId }: { runId?: string }) {
  if (!runId) return <NoRun />;
  return <RunView key={runId} runId={runId} />;
}
export default RunScreen;

function NoRun() {
  return (
    <section className="screen bt-screen" aria-label="Run">
      <p className="muted">No run selected: start a backtest or pick one from the runs list.</p>
    </section>
  );
}

function RunView({ runId }: { runId: string }) {
  const { go } = useNav();
  const { run, loadError, status, progress, equity, lastCheckpoint, reload } = useRunLive(runId);
  const link = useChartLink();
  const disconnected = useDisconnected();
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<{ title: string; text: string } | null>(null);

  async function act(name: string, fn: () => Promise<string | null>) {
    setBusy(name);
    setActionError(null);
    setNotice(null);
    try {
      setNotice(await fn());
    } catch (e) {
      setActionError({ title: `${name} failed`, text: errorText(e) });
    } finally {
      setBusy(null);
    }
  }

  const pause = () => {
    const ok = window.confirm(
      `Pause run ${runId}? A checkpoint is written and Resume continues from it later.`,
    );
    if (ok) void doPause();
  };
  const doPause = () =>
    act('Pause', async () => {
      await api.invoke('runs:pause', { runId });
      reload();
      return onCluster
        ? 'Paused: this app stopped following the run; its worker goes on, and Resume follows it again.'
        : 'Paused: a checkpoint was written; Resume continues from it.';
    });
  // Stop ends the run: statistics to date, status 'stopped', no resume (Pause is the resumable one).
  const stop = () => {
    const ok = window.confirm(
      `Stop run ${runId}? It ends here with its statistics to date and cannot be resumed ` +
        '(Pause keeps it resumable).',
    );
    if (ok)
      void act('Stop', async () => {
        await api.invoke('runs:stop', { runId });
        reload();
        return 'Stopped: the run ended here; Results shows its statistics to date.';
      });
  };
  const resume = () =>
    act('Resume', async () => {
      const r = await api.invoke('runs:resume', { runId });
      if (r.runId !== runId) {
        go('run', { runId: r.runId });
        return null;
      }
      reload();
      return 'Resumed.';
    });
  const checkpointNow = () =>
    act('Checkpoint now', async () => {
      await api.invoke('runs:checkpointNow', { runId });
      return 'Checkpoint requested.';
    });

  // While the backend is unreachable the run's last state is stale: no live figures, no controls.
  const running = status === 'running' && !disconnected;
  // A cluster run's checkpoints are its worker's, in the store; this app only follows it.
  const onCluster = run?.cluster != null;
  const resumable = status === 'paused' || status === 'interrupted';
  const ticksDone = progress?.ticksDone ?? run?.ticksDone ?? 0;
  const ticksTotal = progress?.ticksTotal ?? run?.ticksTotal ?? 0;
  const pct = ticksTotal > 0 ? Math.min(100, (100 * ticksDone) / ticksTotal) : 0;
  const error = run?.error ?? null;

  return (
    <section className="screen bt-screen" aria-label={`Run ${runId}`}>
      <header className="screen-head bt-head">
        <h1>
          Run <code>{runId}</code>
        </h1>
        {status && <StatusBadge status={status} />}
        {run && <RunSummary run={run} />}
        <nav className="bt-links" aria-label="Run views">
          <button type="button" className="bt-link" onClick={() => go('checkpoints', { runId })}>
            Checkpoints
          </button>
          <button type="button" className="bt-link" onClick={() => go('results', { runId })}>
            Results
          </button>
        </nav>
      </header>

      <ErrorPanel title={`Cannot load run ${runId}`} message={loadError} />
      <ErrorPanel
        title="Run failed"
        message={status === 'failed' ? (error ?? 'no error message was recorded') : null}
      />

      <div className="bt-toolbar" role="toolbar" aria-label="Run controls">
        <button type="button" onClick={pause} disabled={!running || busy !== null}>
          Pause
        </button>
        <button type="button" onClick={resume} disabled={!resumable || busy !== null}>
          Resume
        </button>
        <button
          type="button"
          onClick={checkpointNow}
          disabled={!running || onCluster || busy !== null}
          title={onCluster ? 'Its worker checkpoints it into the store by its policy' : undefined}
        >
          Checkpoint now
        </button>
        <button
          type="button"
          className="danger subtle"
          onClick={stop}
          disabled={!running || onCluster || busy !== null}
          title={onCluster ? 'A cluster run can be paused, not stopped, from here' : undefined}
        >
          Stop
        </button>
        <span role="status" className="bt-notice">
          {busy ? `${busy}…` : (notice ?? '')}
          {lastCheckpoint && (
            <span className={lastCheckpoint.ok ? 'muted' : 'neg'}>
              {' '}
              Last checkpoint #{lastCheckpoint.seq} ({lastCheckpoint.trigger},{' '}
              {lastCheckpoint.ok
                ? bytes(lastCheckpoint.bytes)
                : `failed: ${lastCheckpoint.error ?? 'unknown error'}`}
              )
            </span>
          )}
        </span>
      </div>
      <ErrorPanel
        title={actionError?.title}
        message={actionError?.text ?? null}
        onDismiss={() => setActionError(null)}
      />

      <div className="bt-progress">
        <div
          className="bt-progress-track"
          role="progressbar"
          aria-label="Run progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(pct * 10) / 10}
        >
          <div className={`bt-progress-fill bt-${status ?? 'none'}`} style={{ width: `${pct}%` }} />
        </div>
        <dl className="bt-figures" role="group" aria-label="Progress">
          <Figure label="Progress" value={`${fixed(pct, 1)}%`} />
          <Figure label="Ticks" value={`${count(ticksDone)} / ${count(ticksTotal)}`} />
          <Figure
            label="Ticks/s"
            value={running && progress ? count(progress.ticksPerSec) : DASH}
          />
          <Figure label="ETA" value={running ? duration(progress?.etaSeconds) : DASH} />
          <Figure label="Elapsed" value={duration(progress?.seconds ?? run?.seconds)} />
          <Figure label="Sim time" value={utc(progress?.simTime)} />
          <Figure label="Balance" value={money(progress?.balance)} />
          <Figure
            label="Equity"
            value={money(progress?.equity)}
            className={tone(
              progress?.equity != null && progress.balance != null
                ? progress.equity - progress.balance
                : null,
            )}
          />
          {run?.money?.leverage != null && (
            <Figure label="Margin level" value={formatPercent(progress?.marginLevel ?? null)} />
          )}
        </dl>
      </div>

      <div className="panel">
        <h2>Equity</h2>
        <EquityChart
          data={run && !run.strategy ? [] : followRange(equity, link.visible, link.follow)}
          empty={
            run && !run.strategy
              ? 'No strategy: this run computes bars and indicators only, there is no equity curve.'
              : onCluster
                ? 'On the cluster: the equity curve comes back with the result when the run ends.'
                : 'No equity samples yet.'
          }
        />
      </div>

      {run && run.symbols.length > 0 && !onCluster && (
        <div className="panel">
          <h2>Price chart</h2>
          <PriceChart run={run} trades={[]} frames={progress?.frames} />
        </div>
      )}

      <details className="panel">
        <summary>
          <h2 style={{ display: 'inline' }}>Money settings</h2>{' '}
          {run?.money && (
            <span className="muted">
              {run.money.currency} · {formatLeverage(run.money.leverage)}
            </span>
          )}
        </summary>
        {run && <MoneySettings money={run.money} />}
      </details>

      <div className="panel">
        <h2>Bars in progress</h2>
        <div className="bt-scroll">
          {onCluster && running ? (
            <p className="muted">
              The bars being built stay on the worker: only progress numbers cross Redis.
            </p>
          ) : (
            <FramesTable frames={progress?.frames ?? []} />
          )}
        </div>
      </div>
    </section>
  );
}

function RunSummary({ run }: { run: RunInfo }) {
  const period =
    run.from !== null || run.to !== null ? `${utcDate(run.from)} → ${utcDate(run.to)}` : 'all data';
  return (
    <span className="bt-summary">
      <span>{run.symbols.join(' ')}</span>
      <span className="muted">{run.timeframes.join(' ')}</span>
      <span>
        {run.strategy ? (
          <>
            {run.strategy.name} <StrategyParams strategy={run.strategy} />
          </>
        ) : (
          <span className="muted">no strategy</span>
        )}
      </span>
      <span className="muted">{period}</span>
      {run.parentRunId && (
        <span className="muted">
          forked from {run.parentRunId} #{run.parentSeq}
        </span>
      )}
      {run.cluster && <ClusterMark cluster={run.cluster} />}
    </span>
  );
}

function Figure({ label, value, className }: { label: string; value: string; className?: string }) {
  return (
    <div className="bt-figure">
      <dt>{label}</dt>
      <dd className={`num ${className ?? ''}`}>{value}</dd>
    </div>
  );
}
