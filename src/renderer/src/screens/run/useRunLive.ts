/**
 * Everything the Run screen shows about one run, kept current: the run record (`runs:get`), the
 * newest `run:progress` event, a bounded buffer of live equity samples after the stored equity
 * curve so far (`runs:results`: a resumed or re-opened running run shows its whole history, not
 * just what happened since the screen opened), the newest `checkpoint:written` and state changes
 * (`run:state`). Events of other runs are ignored.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type {
  CheckpointWrittenEvent,
  RunInfo,
  RunProgressEvent,
  RunStatus,
} from '../../../../shared/dto.ts';
import { api, errorText, useBackendEvent } from './backend.ts';

/** Live equity samples kept for the chart (~3 minutes at 10 events per second). */
export const LIVE_POINTS = 2000;

export interface EquitySample {
  time: number;
  equity: number;
  balance: number | null;
}

export interface RunLive {
  run: RunInfo | null;
  loadError: string | null;
  status: RunStatus | null;
  progress: RunProgressEvent | null;
  /** Stored curve (before) and live samples (after), in time order. */
  equity: EquitySample[];
  lastCheckpoint: CheckpointWrittenEvent | null;
  /** Fetches the run record again (and the stored curve when it is not running). */
  reload: () => void;
}

export function useRunLive(runId: string): RunLive {
  const [run, setRun] = useState<RunInfo | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [progress, setProgress] = useState<RunProgressEvent | null>(null);
  const [live, setLive] = useState<EquitySample[]>([]);
  const [stored, setStored] = useState<EquitySample[]>([]);
  const [lastCheckpoint, setLastCheckpoint] = useState<CheckpointWrittenEvent | null>(null);
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    let current = true;
    api.invoke('runs:get', { runId }).then(
      (r) => {
        if (!current) return;
        setRun(r);
        setLoadError(null);
      },
      (e: unknown) => current && setLoadError(errorText(e)),
    );
    return () => {
      current = false;
    };
  }, [runId, generation]);

  const status = run?.status ?? null;
  const loaded = status !== null;
  // Once the run is known, whatever its status; again on reload (e.g. when it stops running).
  useEffect(() => {
    if (!loaded) return;
    let current = true;
    api.invoke('runs:results', { runId, maxPoints: LIVE_POINTS }).then(
      (r) => {
        if (!current) return;
        setStored(r.equity.map((p) => ({ time: p.time, equity: p.equity, balance: p.balance })));
      },
      () => {
        // No stored curve (e.g. a run without strategy, or results not written yet): live only.
      },
    );
    return () => {
      current = false;
    };
  }, [runId, loaded, generation]);

  useBackendEvent('run:progress', (p) => {
    if (p.runId !== runId) return;
    setProgress(p);
    setRun((r) => (r && r.status !== 'running' ? { ...r, status: 'running', error: null } : r));
    if (p.equity !== null && p.simTime !== null) {
      const sample = { time: p.simTime, equity: p.equity, balance: p.balance };
      setLive((prev) => {
        const last = prev[prev.length - 1];
        if (last && last.time > sample.time) return prev;
        const kept = prev.length >= LIVE_POINTS ? prev.slice(prev.length - LIVE_POINTS + 1) : prev;
        return [...kept, sample];
      });
    }
  });

  useBackendEvent('run:state', (e) => {
    if (e.runId !== runId) return;
    setRun((r) => (r ? { ...r, status: e.status, error: e.error ?? r.error } : r));
    if (e.status !== 'running') reload();
  });

  useBackendEvent('checkpoint:written', (e) => {
    if (e.runId === runId) setLastCheckpoint(e);
  });

  const equity = useMemo(() => {
    if (live.length === 0) return stored;
    const start = live[0].time;
    return [...stored.filter((p) => p.time < start), ...live];
  }, [stored, live]);

  return { run, loadError, status, progress, equity, lastCheckpoint, reload };
}
