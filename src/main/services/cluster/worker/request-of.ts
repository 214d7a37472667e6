/**
 * The RunRequest that makes, on a worker, the run the submitter created: its resolved config
 * turned back into a request. prepareRun of it yields the same config (the resolved timeframes
 * and indicators already include what the strategy requires), which the worker then proves by
 * comparing config hashes with the manifest.
 */
import type { RunRequest } from '../../runs/run-request.ts';
import type { ClusterManifest } from '../data/job-manifest.ts';

export function requestOf(m: ClusterManifest): RunRequest {
  const c = m.config;
  return {
    runId: m.runId,
    symbols: c.symbols,
    from: c.from,
    to: c.to,
    timeframes: c.timeframes,
    indicators: c.indicators,
    price: c.price,
    historySize: c.historySize,
    strategy: c.strategy?.name ?? null,
    params: c.strategy?.params ?? {},
    account: c.account,
    ...(c.record && { record: c.record }),
  };
}
