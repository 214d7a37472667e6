/**
 * One sweep as its view shows it: the detail (sweeps:get) and the live figures. `sweep:progress`
 * events (≤ ~4/s) carry the counts, jobs/s and ETA; the detail — every job's status and
 * statistics — is fetched again on an event at most once a second (a sweep of thousands of jobs
 * is a big answer), and at once when the sweep's status changes. Whichever arrived last wins.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SweepDetail, SweepProgressEvent, SweepStatus } from '../../../../shared/sweeps.ts';
import { api, errorText } from '../../api/index.ts';

export const DETAIL_REFRESH_MS = 1000;

export interface SweepLive {
  status: SweepStatus;
  jobsTotal: number;
  jobsDone: number;
  jobsFailed: number;
  jobsRunning: number;
  /** null until a progress event says. */
  jobsPerSec: number | null;
  etaSeconds: number | null;
}

function liveOf(d: SweepDetail, prev: SweepLive | null): SweepLive {
  return {
    status: d.status,
    jobsTotal: d.jobsTotal,
    jobsDone: d.jobsDone,
    jobsFailed: d.jobsFailed,
    jobsRunning: d.jobs.filter((j) => j.status === 'running').length,
    jobsPerSec: d.status === 'running' ? (prev?.jobsPerSec ?? null) : null,
    etaSeconds: d.status === 'running' ? (prev?.etaSeconds ?? null) : null,
  };
}

export function useSweep(sweepId: string) {
  const [detail, setDetail] = useState<SweepDetail | null>(null);
  const [live, setLive] = useState<SweepLive | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reloadRef = useRef<() => void>(() => {});

  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    let status: SweepStatus | null = null;
    const fetchNow = async () => {
      if (timer) clearTimeout(timer);
      timer = null;
      last = Date.now();
      try {
        const d = await api.invoke('sweeps:get', { sweepId });
        if (!alive) return;
        status = d.status;
        setDetail(d);
        setLive((prev) => liveOf(d, prev));
        setError(null);
      } catch (err) {
        if (alive) setError(errorText(err));
      }
    };
    const schedule = () => {
      if (timer) return;
      timer = setTimeout(() => void fetchNow(), Math.max(0, last + DETAIL_REFRESH_MS - Date.now()));
    };
    const off = api.on('sweep:progress', (ev: SweepProgressEvent) => {
      if (ev.sweepId !== sweepId) return;
      const changed = ev.status !== status;
      status = ev.status;
      setLive({
        status: ev.status,
        jobsTotal: ev.jobsTotal,
        jobsDone: ev.jobsDone,
        jobsFailed: ev.jobsFailed,
        jobsRunning: ev.jobsRunning,
        jobsPerSec: ev.jobsPerSec,
        etaSeconds: ev.etaSeconds,
      });
      if (changed) void fetchNow();
      else schedule();
    });
    reloadRef.current = () => void fetchNow();
    void fetchNow();
    return () => {
      alive = false;
      off();
      if (timer) clearTimeout(timer);
    };
  }, [sweepId]);

  const reload = useCallback(() => reloadRef.current(), []);
  return { detail, live, error, reload };
}
