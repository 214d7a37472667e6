/** Stored tick data: the data sets with their specifications, demo data generation and CSV import. */
import { useEffect, useState } from 'react';
import { ErrorPanel } from '../components/ErrorPanel.tsx';
import { useData } from '../store/data.ts';
import { useNav } from '../store/nav.ts';
import { useSpecs } from '../store/specs.ts';
import { DataTable } from './data/DataTable.tsx';
import { GenerateForm } from './data/GenerateForm.tsx';
import { ImportForm } from './data/ImportForm.tsx';
import { SpecEditor } from './data/SpecEditor.tsx';

export function DataScreen() {
  const symbols = useData((s) => s.symbols);
  const loaded = useData((s) => s.loaded);
  const error = useData((s) => s.error);
  const specs = useSpecs((s) => s.specs);
  const specsError = useSpecs((s) => s.error);
  const [editing, setEditing] = useState<string | null>(null);
  const go = useNav((s) => s.go);
  const edited = specs.find((s) => s.symbol === editing);

  useEffect(() => {
    void useData.getState().load();
  }, []);
  // Again whenever the data sets change: a new symbol gets its default spec.
  useEffect(() => {
    void useSpecs.getState().load();
  }, [symbols]);

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
        {loaded ? (
          <DataTable symbols={symbols} specs={specs} onEdit={setEditing} />
        ) : (
          <p>Loading…</p>
        )}
      </section>
      <ErrorPanel message={specsError} title="Could not read the symbol specifications" />
      {edited && <SpecEditor key={edited.symbol} spec={edited} onClose={() => setEditing(null)} />}
      <div className="columns">
        <GenerateForm />
        <ImportForm />
      </div>
    </div>
  );
}
