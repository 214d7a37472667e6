/**
 * A run's results: warnings, the statistics as MT5's report (Summary, Trades), the monthly
 * returns, the price chart with the trades on it (a trade row clicked centres it; the equity
 * chart follows its visible range), the equity, drawdown and margin level charts, the trades (sortable, in lots with swap
 * and MAE/MFE), the orders the account refused, the money settings and specs the run used, and
 * the export (`runs:export`, which writes CSVs and a summary into the data folder). A run without
 * a strategy has bars and indicators only: it says so instead of showing empty figures.
 */
import { useEffect, useState } from 'react';
import { StrategyParams } from '../components/StrategyParams.tsx';
import type { RunInfo, RunResults } from '../../../shared/dto.ts';
import { useNav } from '../store/nav.ts';
import { ResultCharts } from './results/ResultCharts.tsx';
import { MoneySettings } from './results/MoneySettings.tsx';
import { MonthlyReturns } from './results/MonthlyReturns.tsx';
import { RejectionsTable } from './results/RejectionsTable.tsx';
import { ReportSections } from './results/ReportSections.tsx';
import { ReportWarnings } from './results/ReportWarnings.tsx';
import { TradesTable } from './results/TradesTable.tsx';
import { PriceChart } from '../components/price-chart/PriceChart.tsx';
import { followRange, useChartLink } from '../components/price-chart/chart-link.ts';
import { api, errorText, useBackendEvent } from './run/backend.ts';
import { exportFor, type ExportOutcome } from '../api/index.ts';
import { ErrorPanel } from '../components/ErrorPanel.tsx';
import { ExportNotice } from '../components/ExportNotice.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import './run/screens.css';

export const NO_STRATEGY_TEXT =
  'This run computed bars and indicators only — start a backtest with a strategy to see trades';

/** Equity points asked for: enough for a chart's width, min/max drawdown kept per bucket. */
const MAX_POINTS = 2000;

export function ResultsScreen({ runId }: { runId?: string }) {
  if (!runId) {
    return (
      <section className="screen bt-screen" aria-label="Results">
        <p className="muted">No run selected: pick a run to see its results.</p>
      </section>
    );
  }
  return <ResultsView key={runId} runId={runId} />;
}
export default ResultsScreen;

function ResultsView({ runId }: { runId: string }) {
  const { go } = useNav();
  const link = useChartLink();
  const [run, setRun] = useState<RunInfo | null>(null);
  const [results, setResults] = useState<RunResults | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState<ExportOutcome | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    Promise.all([
      api.invoke('runs:get', { runId }),
      api.invoke('runs:results', { runId, maxPoints: MAX_POINTS }),
    ]).then(
      ([r, res]) => {
        if (!current) return;
        setRun(r);
        setResults(res);
        setError(null);
      },
      (e: unknown) => current && setError(errorText(e)),
    );
    return () => {
      current = false;
    };
  }, [runId, generation]);

  useBackendEvent('run:state', (e) => {
    if (e.runId === runId && e.status !== 'running') setGeneration((g) => g + 1);
  });

  async function doExport() {
    setExporting(true);
    setExportError(null);
    try {
      const outcome = await exportFor('run', runId);
      if (outcome) setExported(outcome); // null: the folder dialog was cancelled
    } catch (e) {
      setExportError(errorText(e));
    } finally {
      setExporting(false);
    }
  }

  const stats = results?.stats ?? run?.stats ?? null;
  const report = results?.report ?? run?.report ?? null;
  const currency = run?.money?.currency ?? null;
  // Figures of a run that has not finished are to date (the report says so when it has one).
  const toDate = stats !== null && (report?.toDate ?? run?.status !== 'completed');
  return (
    <section className="screen bt-screen" aria-label={`Results of run ${runId}`}>
      <header className="screen-head bt-head">
        <h1>
          Results · Run <code>{runId}</code>
        </h1>
        {run && <StatusBadge status={run.status} />}
        {toDate && (
          <span
            className="badge bt-to-date"
            title="The statistics are of the ticks done so far: the run has not finished"
          >
            to date
          </span>
        )}
        {run?.strategy && (
          <span>
            {run.strategy.name} <StrategyParams strategy={run.strategy} />
          </span>
        )}
        {run && <span className="muted">{run.symbols.join(' ')}</span>}
        <nav className="bt-links" aria-label="Run views">
          <button type="button" className="bt-link" onClick={() => go('run', { runId })}>
            Run
          </button>
          <button type="button" className="bt-link" onClick={() => go('checkpoints', { runId })}>
            Checkpoints
          </button>
        </nav>
      </header>

      <div className="bt-toolbar">
        <button type="button" onClick={() => void doExport()} disabled={exporting || !run}>
          Export
        </button>
        <span role="status" className="bt-notice">
          {exporting && 'Exporting…'}
          {exported && !exporting && <ExportNotice outcome={exported} />}
        </span>
      </div>
      <ErrorPanel
        title="Export failed"
        message={exportError}
        onDismiss={() => setExportError(null)}
      />
      <ErrorPanel title={`Cannot load the results of ${runId}`} message={error} />

      {!run && !error && <p className="muted">Loading…</p>}
      {run && !run.strategy && (
        <div className="panel">
          <p>{NO_STRATEGY_TEXT}</p>
        </div>
      )}
      {run?.strategy && results && (
        <>
          {run.status !== 'completed' && (
            <p className="muted">
              The run is {run.status}: statistics and trades are those stored so far.
            </p>
          )}
          <ReportWarnings warnings={report?.warnings ?? []} />
          <div className="panel">
            <h2>Statistics</h2>
            {stats ? (
              <ReportSections stats={stats} currency={currency} />
            ) : (
              <p className="muted">Statistics are computed when the run completes.</p>
            )}
          </div>
          {report && report.monthly.length > 0 && (
            <div className="panel">
              <h2>Monthly returns</h2>
              <MonthlyReturns monthly={report.monthly} currency={currency} />
            </div>
          )}
          <div className="panel">
            <h2>Price chart</h2>
            <PriceChart run={run} trades={results.trades} />
          </div>
          <div className="panel">
            <h2>Equity and drawdown</h2>
            <ResultCharts equity={followRange(results.equity, link.visible, link.follow)} />
          </div>
          <div className="panel">
            <h2>Trades</h2>
            <TradesTable
              trades={results.trades}
              onPick={(t) => link.focusTrade(t.id)}
              picked={link.focus?.tradeId ?? null}
            />
          </div>
          {results.rejections.length > 0 && (
            <div className="panel">
              <h2>Refused orders ({results.rejections.length})</h2>
              <RejectionsTable rejections={results.rejections} currency={currency} />
            </div>
          )}
          <div className="panel">
            <h2>Money settings</h2>
            <MoneySettings money={run.money} />
          </div>
        </>
      )}
    </section>
  );
}
