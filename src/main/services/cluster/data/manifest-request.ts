/**
 * The run request a worker starts a job with: the manifest's resolved config turned back into a
 * request that prepareRun resolves to exactly that config — same timeframes, indicators, params
 * account and broker settings (specs and conversions as the submitter resolved them), the
 * submitter's run id, and the submitter's strategy file name recorded in place
 * of the workspace's copy — so the worker's run has the submitter's config hash, and its
 * checkpoints and result are accepted there (and by any other worker).
 */
import type { RunRequest } from '../../runs/run-request.ts';
import type { RunConfig } from '../../runs/run-config.ts';
import type { ClusterManifest } from './job-manifest.ts';

export function runRequestOf(m: ClusterManifest): RunRequest {
  const c: RunConfig = m.config;
  return {
    symbols: [...c.symbols],
    from: c.from,
    to: c.to,
    timeframes: [...c.timeframes],
    indicators: [...c.indicators],
    price: c.price,
    historySize: c.historySize,
    strategy: c.strategy?.name ?? null,
    ...(c.strategy && { params: { ...c.strategy.params } }),
    account: { ...c.account },
    recordedMoney: c.money ?? null,
    ...(c.record && { record: [...c.record] }),
    runId: m.runId,
    ...(c.strategy?.file && { strategyFileAs: c.strategy.file }),
  };
}
