/**
 * A sweep job's run request (decision A): the sweep's base run — for walk-forward the window's
 * in-sample or out-of-sample range — with params = {...fixed, ...the job's params}. Nothing here
 * is sweep-specific but the link, which stays out of the run's config: a job's run equals a
 * stand-alone `backtestr run` with the same settings, down to its export.
 */
import type { Timeframe } from '../../engine/mtf/timeframes.ts';
import type { ParamValue, SweepJobPhase, SweepSpec } from '../../../shared/sweeps.ts';
import type { RunRequest } from '../runs/run-request.ts';
import type { WalkForwardWindow } from './walk-forward.ts';

export interface JobToRun {
  index: number;
  phase: SweepJobPhase;
  window: number | null;
  params: Record<string, ParamValue>;
}

export function jobRequest(
  sweepId: string,
  spec: SweepSpec,
  windows: readonly WalkForwardWindow[],
  job: JobToRun,
): RunRequest {
  const b = spec.base;
  const w = job.window === null ? null : windows[job.window]!;
  const range = w === null ? b : job.phase === 'oos' ? w.outOfSample : w.inSample;
  return {
    symbols: [...b.symbols],
    from: range.from,
    to: range.to,
    timeframes: b.timeframes as Timeframe[] | undefined,
    indicators: b.indicators,
    price: b.price,
    historySize: b.historySize,
    strategy: b.strategy,
    params: { ...b.fixed, ...job.params },
    account: b.account,
    ...(b.money && { money: b.money }),
    record: b.record,
    sweepJob: { sweepId, job: job.index },
  };
}
