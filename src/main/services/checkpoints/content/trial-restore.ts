/**
 * The second line of defence behind the schema: restore the checkpoint's state into a throwaway
 * backtest of its config. Whatever restore() would throw on (an indicator's malformed internals,
 * a history of the wrong width, non-plain strategy state) is found here, before the run is
 * touched — a failed restore inside the session would mark the run failed and reset its progress.
 */
import { Backtest } from '../../../engine/backtest/backtest.ts';
import { simulatedTime } from '../../runs/run-loop.ts';
import { engineConfigOf, portfolioConfigOf } from '../../runs/run-config.ts';
import type { CheckpointData } from '../checkpoint-data.ts';

export function trialRestoreProblems(d: CheckpointData): string[] {
  let backtest: Backtest;
  try {
    // No strategy: restore() never calls strategy code, and loading it is resume's business.
    backtest = new Backtest({
      engine: engineConfigOf(d.config),
      portfolio: portfolioConfigOf(d.config),
      strategy: null,
    });
    backtest.restore(d.state);
  } catch (err) {
    return [`state: does not restore: ${err instanceof Error ? err.message : String(err)}`];
  }
  const out: string[] = [];
  const consumed = backtest.engine.ticksConsumed;
  if (consumed !== d.ticks)
    out.push(`ticks: ${d.ticks}, but the restored engine has consumed ${consumed}`);
  const sim = simulatedTime(backtest);
  if (!Object.is(sim, d.simTime))
    out.push(`simTime: ${d.simTime}, but the restored engine's newest tick is at ${sim}`);
  return out;
}
