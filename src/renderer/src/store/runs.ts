/**
 * The run history (runs:list), kept fresh by `run:state` and `run:progress` events while
 * something is connected (`connectRuns()`), plus the run actions every screen shares. A sweep's
 * jobs are runs too, but they send no run events: `sweep:progress` reloads the list when a job
 * starts or ends.
 */
import { create } from 'zustand';
import type { RunInfo, RunProgressEvent, RunStateEvent } from '../../../shared/dto.ts';
import type { SweepProgressEvent } from '../../../shared/sweeps.ts';
import { api, errorText } from '../api/index.ts';

export interface RunsState {
  /** Newest first. */
  runs: RunInfo[];
  loaded: boolean;
  error: string | null;
  /** Per sweep, the job counts of its last sweep:progress: a job's start or end changes them. */
  sweepShapes: Record<string, string>;
  load(): Promise<void>;
  /** runs:get into the list; a run that no longer exists is dropped. */
  refresh(runId: string): Promise<void>;
  upsert(run: RunInfo): void;
  remove(runId: string): void;
  applyState(ev: RunStateEvent): void;
  applyProgress(ev: RunProgressEvent): void;
  /** Reloads the list when the sweep's jobs changed (one started or ended) or it ended. */
  applySweepProgress(ev: SweepProgressEvent): void;
  pause(runId: string): Promise<void>;
  /** Resumes from the newest valid checkpoint; returns the id of the run that continues. */
  resume(runId: string): Promise<string>;
  checkpointNow(runId: string): Promise<void>;
  discard(runId: string): Promise<void>;
}

const newestFirst = (a: RunInfo, b: RunInfo) =>
  b.createdAt - a.createdAt || b.id.localeCompare(a.id);

function withRun(list: RunInfo[], run: RunInfo): RunInfo[] {
  const i = list.findIndex((r) => r.id === run.id);
  if (i < 0) return [...list, run].sort(newestFirst);
  const next = list.slice();
  next[i] = run;
  return next;
}

function patch(list: RunInfo[], runId: string, p: Partial<RunInfo>): RunInfo[] | null {
  const i = list.findIndex((r) => r.id === runId);
  if (i < 0) return null;
  const next = list.slice();
  next[i] = { ...list[i], ...p };
  return next;
}

export const initialRuns = {
  runs: [] as RunInfo[],
  loaded: false,
  error: null as string | null,
  sweepShapes: {} as Record<string, string>,
};

export const useRuns = create<RunsState>()((set, get) => ({
  ...initialRuns,
  async load() {
    try {
      const runs = await api.invoke('runs:list');
      set({ runs: [...runs].sort(newestFirst), loaded: true, error: null });
    } catch (err) {
      set({ loaded: true, error: errorText(err) });
    }
  },
  async refresh(runId) {
    try {
      get().upsert(await api.invoke('runs:get', { runId }));
    } catch {
      // Gone (discarded elsewhere) or a transient failure: the event already updated the status.
    }
  },
  upsert(run) {
    set((s) => ({ runs: withRun(s.runs, run) }));
  },
  remove(runId) {
    set((s) => ({ runs: s.runs.filter((r) => r.id !== runId) }));
  },
  applyState(ev) {
    const next = patch(get().runs, ev.runId, {
      status: ev.status,
      ...(ev.error !== undefined ? { error: ev.error } : {}),
    });
    if (next) set({ runs: next });
    // New runs, and the final ticks/stats of one that stopped, come from runs:get.
    if (!next || ev.status !== 'running') void get().refresh(ev.runId);
  },
  applyProgress(ev) {
    const run = get().runs.find((r) => r.id === ev.runId);
    if (!run || (run.ticksDone === ev.ticksDone && run.ticksTotal === ev.ticksTotal)) return;
    const next = patch(get().runs, ev.runId, {
      ticksDone: ev.ticksDone,
      ticksTotal: ev.ticksTotal,
      seconds: ev.seconds,
    });
    if (next) set({ runs: next });
  },
  applySweepProgress(ev) {
    const shape = `${ev.status}/${ev.jobsDone}/${ev.jobsFailed}/${ev.jobsRunning}`;
    if (get().sweepShapes[ev.sweepId] === shape) return; // only rates and ETA moved
    set((s) => ({ sweepShapes: { ...s.sweepShapes, [ev.sweepId]: shape } }));
    void get().load();
  },
  async pause(runId) {
    await api.invoke('runs:pause', { runId });
    void get().refresh(runId);
  },
  async resume(runId) {
    const r = await api.invoke('runs:resume', { runId });
    const patched = patch(get().runs, r.runId, { status: 'running', error: null });
    if (patched) set({ runs: patched });
    void get().refresh(r.runId);
    return r.runId;
  },
  async checkpointNow(runId) {
    await api.invoke('runs:checkpointNow', { runId });
  },
  async discard(runId) {
    await api.invoke('runs:discard', { runId });
    get().remove(runId);
  },
}));

let connections = 0;
let disconnect: (() => void) | null = null;

/**
 * Subscribes the store to run events; reference-counted, so App and a screen may both connect.
 * Returns the matching disconnect (call it from an effect's cleanup).
 */
export function connectRuns(): () => void {
  if (connections++ === 0) {
    const offs = [
      api.on('run:state', (ev) => useRuns.getState().applyState(ev)),
      api.on('run:progress', (ev) => useRuns.getState().applyProgress(ev)),
      api.on('sweep:progress', (ev) => useRuns.getState().applySweepProgress(ev)),
    ];
    disconnect = () => offs.forEach((off) => off());
  }
  let done = false;
  return () => {
    if (done) return;
    done = true;
    if (--connections === 0) {
      disconnect?.();
      disconnect = null;
    }
  };
}

/** Ticks done as a percentage, 0 when the total is unknown. */
export function runProgressPct(run: Pick<RunInfo, 'ticksDone' | 'ticksTotal'>): number {
  return run.ticksTotal > 0 ? Math.min(100, (100 * run.ticksDone) / run.ticksTotal) : 0;
}
