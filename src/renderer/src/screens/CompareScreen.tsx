/**
 * Run comparison: 2-4 runs (ticked on the Runs list) with their statistics side by side, the
 * best of each row marked, their params side by side, and their equity curves overlaid on one
 * time axis. Reloads when one of them stops (its final statistics arrive then).
 */
import { useEffect, useState } from 'react';
import type { EquityPoint, RunInfo } from '../../../shared/dto.ts';
import { ErrorPanel } from '../components/ErrorPanel.tsx';
import { useNav } from '../store/nav.ts';
import { CompareChart } from './compare/CompareChart.tsx';
import { CompareParamsTable, CompareStatsTable } from './compare/CompareStats.tsx';
import { api, errorText, useBackendEvent } from './run/backend.ts';
import './run/screens.css';

/** Equity points per run: with up to 4 curves on one chart, fewer than Results asks for. */
const MAX_POINTS = 1000;

interface Loaded {
  run: RunInfo;
  stats: Record<string, number | null> | null;
  equity: EquityPoint[];
}

export function CompareScreen({ runIds = [] }: { runIds?: string[] }) {
  const go = useNav((s) => s.go);
  const ids = [...new Set(runIds)];
  if (ids.length < 2 || ids.length > 4) {
    return (
      <section className="screen bt-screen" aria-label="Compare runs">
        <h1>Compare runs</h1>
        <p className="muted">Tick 2 to 4 runs on the Runs list, then Compare.</p>
        <button type="button" onClick={() => go('runs')}>
          Runs
        </button>
      </section>
    );
  }
  return <CompareView key={ids.join(' ')} runIds={ids} />;
}

function CompareView({ runIds }: { runIds: string[] }) {
  const go = useNav((s) => s.go);
  const [loaded, setLoaded] = useState<Loaded[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);

  // The ids as one string: the effect reruns when they change, not when the array is rebuilt.
  const idsKey = runIds.join(' ');
  useEffect(() => {
    let current = true;
    Promise.all(
      idsKey.split(' ').map(async (runId): Promise<Loaded> => {
        const [run, res] = await Promise.all([
          api.invoke('runs:get', { runId }),
          api.invoke('runs:results', { runId, maxPoints: MAX_POINTS }),
        ]);
        return { run, stats: res.stats ?? run.stats, equity: res.equity };
      }),
    ).then(
      (all) => {
        if (!current) return;
        setLoaded(all);
        setError(null);
      },
      (e: unknown) => current && setError(errorText(e)),
    );
    return () => {
      current = false;
    };
  }, [idsKey, generation]);

  useBackendEvent('run:state', (e) => {
    if (runIds.includes(e.runId) && e.status !== 'running') setGeneration((g) => g + 1);
  });

  return (
    <section className="screen bt-screen" aria-label="Compare runs">
      <header className="screen-head bt-head">
        <h1>Compare {runIds.length} runs</h1>
        <nav className="bt-links" aria-label="Compared runs">
          {runIds.map((runId) => (
            <button
              key={runId}
              type="button"
              className="bt-link mono"
              title={`Results of ${runId}`}
              onClick={() => go('results', { runId })}
            >
              {runId}
            </button>
          ))}
        </nav>
      </header>
      <ErrorPanel title="Cannot load the runs to compare" message={error} />
      {!loaded && !error && <p className="muted">Loading…</p>}
      {loaded && (
        <>
          <div className="panel">
            <h2>Equity</h2>
            <CompareChart runs={loaded} />
          </div>
          <div className="panel">
            <h2>Statistics</h2>
            <CompareStatsTable runs={loaded} />
          </div>
          <div className="panel">
            <h2>Params</h2>
            <CompareParamsTable runs={loaded} />
          </div>
        </>
      )}
    </section>
  );
}
