/**
 * Resuming a run that has no checkpoint to resume from (killed in its first minute, before the
 * first interval checkpoint; or every checkpoint damaged): it starts again from its first tick
 * under the same run id. Runs are deterministic, so the outcome is the one an uninterrupted run
 * would have had; what the killed session had stored (rows, progress) is cleared first, in one
 * fenced transaction, so nothing of it can mix with the new output.
 */
import type { Db } from '../db/database.ts';
import { loadStrategy, type LoadWatch } from '../strategies/strategy-loader.ts';
import { countTicks, readSymbol } from '../ticks/tick-store.ts';
import type { RunRecord } from './run-config.ts';
import { fencedWrite, type RunClaim } from './run-fence.ts';
import type { SessionSetup } from './run-service.ts';

/** Clears the run's partial outputs and returns the session that runs it from tick 0. */
export async function restartFromFirstTick(
  db: Db,
  dataDir: string,
  claim: RunClaim,
  run: RunRecord,
  loadWatch?: LoadWatch,
): Promise<SessionSetup> {
  const config = run.config;
  const strategy = config.strategy
    ? {
        module: (await loadStrategy(dataDir, config.strategy.name, loadWatch)).module,
        params: config.strategy.params,
        file: config.strategy.file,
      }
    : null;
  const range = { from: config.from ?? undefined, to: config.to ?? undefined };
  const ticksTotal = config.symbols.reduce((n, name) => {
    const symbol = readSymbol(db, name);
    if (!symbol) throw new Error(`run ${run.id} reads ${name}, which is no longer stored`);
    return n + countTicks(db, symbol, range);
  }, 0);
  fencedWrite(db, claim, () => {
    for (const table of [
      'bars',
      'bar_chunks',
      'run_tallies',
      'trades',
      'equity',
      'order_rejections',
    ])
      db.prepare(`DELETE FROM ${table} WHERE run_id = ?`).run(run.id);
    db.prepare(
      `UPDATE runs SET ticks_done = 0, seconds = 0, ticks_total = ?, stats = NULL, report = NULL,
         error = NULL,
         finished_at = NULL WHERE id = ?`,
    ).run(ticksTotal, run.id);
  });
  return {
    runId: run.id,
    claim,
    config,
    strategy,
    ticksTotal,
    cursor: config.symbols.map(() => 0),
    secondsBefore: 0,
  };
}
