/** Stored tick data: the data sets, demo data generation and CSV import. */
import { useEffect } from 'react';
import { ErrorPanel } from '../components/ErrorPanel.tsx';
import { useData } from '../store/data.ts';
import { useNav } from '../store/nav.ts';
import { DataTable } from './data/DataTable.tsx';
import { GenerateForm } from './data/GenerateForm.tsx';
import { ImportForm } from './data/ImportForm.tsx';

export function DataScreen() {
  const symbols = useData((s) => s.symbols);
  const loaded = useData((s) => s.loaded);
  const error = useData((s) => s.error);
  const go = useNav((s) => s.go);

  useEffect(() => {
    void useData.getState().load();
  }, []);

  return (
    <div className="screen">
      <header className="screen-head">
        <h1>Data</h1>
        {symbols.length > 0 && (
          <button type="button" className="primary" onClick={() => go('new')}>
            Backtest this data →
          </button>
        )}
      </header>
      <ErrorPanel message={error} title="Could not list the data sets" />
      <section className="panel">
        {loaded ? <DataTable symbols={symbols} /> : <p>Loading…</p>}
      </section>
      <div className="columns">
        <GenerateForm />
        <ImportForm />
      </div>
    </div>
  );
}
