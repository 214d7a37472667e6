/**
 * Settings of the data folder, shared with the CLI (`backtestr settings …`): the checkpoint
 * budget — usage against it, free space, the budget itself and a GC run with its dry-run preview
 * — and the cluster runs can be sent to (ClusterForm).
 */
import { useCallback, useEffect, useState } from 'react';
import type { CheckpointSpace, ClusterSettings } from '../../../shared/dto.ts';
import { formatSize } from '../../../shared/size-text.ts';
import { api, errorText } from '../api/index.ts';
import { ErrorPanel } from '../components/ErrorPanel.tsx';
import { BudgetForm } from './settings/BudgetForm.tsx';
import { ClusterForm } from './settings/ClusterForm.tsx';
import { GcPanel } from './settings/GcPanel.tsx';

export function SettingsScreen() {
  const [space, setSpace] = useState<CheckpointSpace | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** Bumped after every change, so the GC preview is made again. */
  const [version, setVersion] = useState(0);

  const load = useCallback(() => {
    api.invoke('settings:checkpointSpace').then(
      (s) => {
        setSpace(s);
        setVersion((v) => v + 1);
      },
      (err: unknown) => setError(errorText(err)),
    );
  }, []);
  useEffect(load, [load]);

  const [cluster, setCluster] = useState<ClusterSettings | null>(null);
  const [clusterError, setClusterError] = useState<string | null>(null);
  useEffect(() => {
    api
      .invoke('settings:cluster')
      .then(setCluster, (err: unknown) => setClusterError(errorText(err)));
  }, []);

  return (
    <div className="screen">
      <header className="screen-head">
        <h1>Settings</h1>
      </header>
      <ErrorPanel message={error} title="Could not read the settings" />
      {space === null ? (
        !error && <p>Loading…</p>
      ) : (
        <>
          <section className="panel" aria-label="Checkpoint space">
            <dl className="facts">
              <dt>Checkpoint files</dt>
              <dd>
                {formatSize(space.usageBytes)} in {space.files} files
              </dd>
              <dt>Budget</dt>
              <dd>
                {formatSize(space.budgetBytes)} ({space.settingBytes === null ? 'automatic' : 'set'}
                )
              </dd>
              <dt>Free space</dt>
              <dd>{formatSize(space.freeBytes)}</dd>
            </dl>
          </section>
          <div className="columns">
            <BudgetForm
              key={space.settingBytes ?? 'auto'}
              space={space}
              onSaved={(s) => {
                setSpace(s);
                setVersion((v) => v + 1);
              }}
            />
            <GcPanel version={version} onDone={load} />
          </div>
        </>
      )}
      <ErrorPanel message={clusterError} title="Could not read the cluster settings" />
      {cluster && (
        <div className="columns">
          <ClusterForm settings={cluster} onSaved={setCluster} />
        </div>
      )}
    </div>
  );
}
