/**
 * A run's checkpoints as `checkpoints:list` reports them, refreshed when a `checkpoint:written`
 * event for the run arrives. The event's row is shown at once (the index may not have it yet:
 * the write is confirmed before the list is asked again), then replaced by the listed one.
 */
import { useCallback, useEffect, useState } from 'react';
import type { CheckpointInfo, CheckpointWrittenEvent } from '../../../../shared/dto.ts';
import { api, errorText, useBackendEvent } from '../run/backend.ts';

export interface CheckpointList {
  list: CheckpointInfo[];
  /** True once the first list arrived (or failed). */
  loaded: boolean;
  error: string | null;
  refresh: () => void;
}

export function useCheckpoints(runId: string, ticksTotal: number | null): CheckpointList {
  const [listed, setListed] = useState<CheckpointInfo[]>([]);
  const [pending, setPending] = useState<CheckpointInfo[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const refresh = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    let current = true;
    api.invoke('checkpoints:list', { runId }).then(
      (rows) => {
        if (!current) return;
        setListed(rows);
        setPending((p) => p.filter((x) => !rows.some((r) => r.seq === x.seq)));
        setError(null);
        setLoaded(true);
      },
      (e: unknown) => {
        if (!current) return;
        setError(errorText(e));
        setLoaded(true);
      },
    );
    return () => {
      current = false;
    };
  }, [runId, generation]);

  useBackendEvent('checkpoint:written', (e) => {
    if (e.runId !== runId) return;
    const row = rowOf(e, ticksTotal);
    setPending((p) => [...p.filter((x) => x.seq !== e.seq), row]);
    refresh();
  });

  const list = [...listed, ...pending.filter((x) => !listed.some((r) => r.seq === x.seq))].sort(
    (a, b) => a.seq - b.seq,
  );
  return { list, loaded, error, refresh };
}

function rowOf(e: CheckpointWrittenEvent, ticksTotal: number | null): CheckpointInfo {
  return {
    seq: e.seq,
    ticks: e.ticks,
    progressPct: ticksTotal && ticksTotal > 0 ? (100 * e.ticks) / ticksTotal : 0,
    simTime: null,
    wallTime: Date.now(),
    trigger: e.trigger,
    bytes: e.bytes,
    status: e.ok ? 'valid' : 'failed',
    pauseMs: null,
    writeMs: null,
  };
}
