/**
 * The shell: left nav, top bar (version, data folder), the current screen, toasts, the resume
 * prompts for interrupted sweeps and runs and the keyboard shortcuts (`?` lists them). Screens navigate
 * through the nav store (store/nav.ts) and reach the backend through api/index.ts.
 */
import { useEffect, useState } from 'react';
import { DisconnectedBanner } from './components/DisconnectedBanner.tsx';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { HelpOverlay } from './components/HelpOverlay.tsx';
import { ProgressBar } from './components/ProgressBar.tsx';
import { StatusBadge } from './components/StatusBadge.tsx';
import { ThemeToggle } from './components/ThemeToggle.tsx';
import { Toasts } from './components/Toasts.tsx';
import { useShortcuts } from './components/shortcuts.ts';
import { CheckpointsScreen } from './screens/CheckpointsScreen.tsx';
import { CompareScreen } from './screens/CompareScreen.tsx';
import { DataScreen } from './screens/DataScreen.tsx';
import { NewBacktestScreen } from './screens/NewBacktestScreen.tsx';
import { OptimiseScreen } from './screens/OptimiseScreen.tsx';
import { ResultsScreen } from './screens/ResultsScreen.tsx';
import { ResumePrompt } from './screens/ResumePrompt.tsx';
import { RunScreen } from './screens/RunScreen.tsx';
import { RunsScreen } from './screens/RunsScreen.tsx';
import { SettingsScreen } from './screens/SettingsScreen.tsx';
import { SweepResumePrompt } from './screens/SweepResumePrompt.tsx';
import { connectConnection, useConnection, useDisconnected } from './store/connection.ts';
import { useData } from './store/data.ts';
import { useNav, type Screen } from './store/nav.ts';
import { connectRuns, runProgressPct, useRuns } from './store/runs.ts';
import { useUi } from './store/ui.ts';

function NavItem({ screen, label, shortcut }: { screen: Screen; label: string; shortcut: string }) {
  const active = useNav((s) => s.screen === screen);
  const go = useNav((s) => s.go);
  return (
    <button
      type="button"
      className={`nav-item${active ? ' active' : ''}`}
      aria-current={active ? 'page' : undefined}
      aria-keyshortcuts={shortcut}
      onClick={() => go(screen)}
    >
      {label}
      <kbd aria-hidden="true">{shortcut}</kbd>
    </button>
  );
}

function CurrentRun() {
  const runId = useNav((s) => s.currentRunId);
  const run = useRuns((s) => s.runs.find((r) => r.id === runId));
  if (!runId) return null;
  return (
    <div className="nav-group">
      <div className="nav-run">
        <span className="nav-caption">Current run</span>
        <span className="mono nav-run-id" title={runId}>
          {runId}
        </span>
        {run && (
          <div className="nav-run-status">
            <StatusBadge status={run.status} />
            <ProgressBar pct={runProgressPct(run)} label={`Progress of ${runId}`} />
          </div>
        )}
      </div>
      <NavItem screen="run" label="Run" shortcut="R" />
      <NavItem screen="checkpoints" label="Checkpoints" shortcut="K" />
      <NavItem screen="results" label="Results" shortcut="E" />
    </div>
  );
}

function TopBar() {
  const info = useUi((s) => s.info);
  const infoError = useUi((s) => s.infoError);
  const setHelpOpen = useUi((s) => s.setHelpOpen);
  const running = useRuns((s) => s.runs.filter((r) => r.status === 'running').length);
  const disconnected = useDisconnected();
  return (
    <header className="topbar">
      <span className="topbar-item" title="Where data, runs and checkpoints are stored">
        <span className="muted">Data folder</span>{' '}
        <code className="path">{info?.dataDir ?? (infoError ? 'unavailable' : '…')}</code>
      </span>
      <span className="topbar-spacer" />
      {running > 0 && !disconnected && (
        <span className="topbar-item">
          <span className="badge status-running">{running} running</span>
        </span>
      )}
      <span className="topbar-item muted">
        {info ? `v${info.version} · ${info.host === 'electron' ? 'desktop' : 'web'}` : ''}
      </span>
      <ThemeToggle />
      <button
        type="button"
        className="icon-btn help-btn"
        aria-label="Keyboard shortcuts"
        aria-keyshortcuts="?"
        onClick={() => setHelpOpen(true)}
      >
        ?
      </button>
    </header>
  );
}

function Content() {
  const screen = useNav((s) => s.screen);
  const runId = useNav((s) => s.params.runId);
  const runIds = useNav((s) => s.params.runIds);
  switch (screen) {
    case 'data':
      return <DataScreen />;
    case 'new':
      return <NewBacktestScreen />;
    case 'runs':
      return <RunsScreen />;
    case 'optimise':
      return <OptimiseScreen />;
    case 'run':
      return <RunScreen key={runId} runId={runId} />;
    case 'checkpoints':
      return <CheckpointsScreen key={runId} runId={runId} />;
    case 'results':
      return <ResultsScreen key={runId} runId={runId} />;
    case 'settings':
      return <SettingsScreen />;
    case 'compare':
      return <CompareScreen runIds={runIds} />;
  }
}

/**
 * Interrupted sweeps first, then interrupted runs: one dialog at a time (two would fight over the
 * focus), and a sweep's job runs are resumed by resuming the sweep.
 */
function RecoveryPrompts() {
  const [sweepJobRuns, setSweepJobRuns] = useState<ReadonlySet<string> | null>(null);
  return sweepJobRuns ? (
    <ResumePrompt skipRunIds={sweepJobRuns} />
  ) : (
    <SweepResumePrompt onDone={setSweepJobRuns} />
  );
}

export function App() {
  const screen = useNav((s) => s.screen);
  const runId = useNav((s) => s.params.runId);
  const sweepId = useNav((s) => s.params.sweepId);
  const helpOpen = useUi((s) => s.helpOpen);
  const setHelpOpen = useUi((s) => s.setHelpOpen);
  // Bumped on every reconnection: the keyed views below remount and load afresh.
  const epoch = useConnection((s) => s.epoch);

  useEffect(() => {
    void useUi.getState().loadInfo();
    void useRuns.getState().load();
    void useData.getState().load();
    const offRuns = connectRuns();
    const offConnection = connectConnection();
    return () => {
      offConnection();
      offRuns();
    };
  }, []);
  useShortcuts();

  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">BackTestr</div>
        <nav aria-label="Main">
          <NavItem screen="data" label="Data" shortcut="D" />
          <NavItem screen="new" label="New backtest" shortcut="N" />
          <NavItem screen="runs" label="Runs" shortcut="G" />
          <NavItem screen="optimise" label="Optimise" shortcut="O" />
          <CurrentRun />
          <NavItem screen="settings" label="Settings" shortcut="S" />
        </nav>
        <p className="sidebar-foot muted small">
          Press <kbd>?</kbd> for shortcuts
        </p>
      </aside>
      <div className="main-col">
        <TopBar />
        <main className="content">
          <ErrorBoundary resetKey={`${screen}:${runId ?? ''}:${sweepId ?? ''}`}>
            <Content key={epoch} />
          </ErrorBoundary>
        </main>
      </div>
      <Toasts />
      <RecoveryPrompts key={epoch} />
      <DisconnectedBanner />
      {helpOpen && <HelpOverlay onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
