/**
 * Optimise (issue 10): without a sweep, the form that sets one up (with the number of jobs it
 * implies) and the list of sweeps; with `params.sweepId`, that sweep's live view and results.
 */
import { EmptyState } from '../components/EmptyState.tsx';
import { useData } from '../store/data.ts';
import { useNav } from '../store/nav.ts';
import { SweepForm } from './optimise/SweepForm.tsx';
import { SweepsList } from './optimise/SweepsList.tsx';
import { SweepView } from './optimise/SweepView.tsx';
import './run/screens.css';
import './optimise/optimise.css';

export function OptimiseScreen() {
  const sweepId = useNav((s) => s.params.sweepId);
  const go = useNav((s) => s.go);
  const dataLoaded = useData((s) => s.loaded);
  const noData = useData((s) => s.symbols.length === 0);
  if (sweepId) return <SweepView key={sweepId} sweepId={sweepId} />;
  return (
    <div className="screen bt-screen">
      <header className="screen-head">
        <h1>Optimise</h1>
      </header>
      {dataLoaded && noData ? (
        <EmptyState title="No data to optimise on yet">
          <p className="muted">Generate a demo data set or import a tick CSV first.</p>
          <button type="button" className="primary" onClick={() => go('data')}>
            Go to Data
          </button>
        </EmptyState>
      ) : (
        <SweepForm />
      )}
      <SweepsList />
    </div>
  );
}
