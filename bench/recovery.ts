import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Backtest } from '../src/main/engine/backtest/backtest.ts';
import { parseCheckpointFileName } from '../src/main/services/checkpoints/btck/index.ts';
import { readCheckpointFile } from '../src/main/services/checkpoints/checkpoint-reader.ts';
import { checkpointsDir } from '../src/main/services/checkpoints/checkpoint-store.ts';
import { storeCheckProblems } from '../src/main/services/checkpoints/content/store-checks.ts';
import type { Db } from '../src/main/services/db/database.ts';
import { engineConfigOf, portfolioConfigOf } from '../src/main/services/runs/run-config.ts';
import { getRun } from '../src/main/services/runs/run-store.ts';
import { loadStrategy } from '../src/main/services/strategies/strategy-loader.ts';
import { openTickSource, readSymbol } from '../src/main/services/ticks/tick-store.ts';

/** The run's newest checkpoint file (highest seq), as resume picks it. */
export function newestCheckpointFile(dataDir: string, runId: string): string {
  const dir = checkpointsDir(dataDir, runId);
  const newest = fs
    .readdirSync(dir)
    .map((name) => ({ name, seq: parseCheckpointFileName(name)?.seq ?? -1 }))
    .filter((f) => f.seq >= 0)
    .sort((a, b) => b.seq - a.seq)[0];
  if (!newest) throw new Error(`run ${runId} has no checkpoint file`);
  return path.join(dir, newest.name);
}

/**
 * recovery_ms: from the newest checkpoint file to a backtest ready for the next tick, by
 * resume's own steps (resume-service.ts): read, verify, decode and validate the file (content
 * checks with their trial restore), check it against the store, load the strategy, restore the
 * state and open the tick sources at the cursor. Not timed: claiming the run and truncating its
 * rows past the watermarks (they would change the bench's run), and the worker's start-up.
 * A 'store' checkpoint's histories are reloaded from the bar store inside the store checks,
 * exactly as resume does it, so the reload is counted.
 */
export async function recoveryMs(db: Db, dataDir: string, runId: string): Promise<number> {
  const file = newestCheckpointFile(dataDir, runId);
  const t0 = performance.now();
  const { data } = readCheckpointFile(file);
  const { problems, restorable } = storeCheckProblems(db, data, getRun(db, runId));
  if (problems.length > 0 || !restorable) throw new Error(`${file}: ${problems.join('; ')}`);
  const strategy = data.config.strategy
    ? {
        module: (await loadStrategy(dataDir, data.config.strategy.name)).module,
        params: data.config.strategy.params,
        file: data.config.strategy.file,
      }
    : null;
  const backtest = new Backtest({
    engine: engineConfigOf(data.config),
    portfolio: portfolioConfigOf(data.config),
    strategy,
  });
  backtest.restore(restorable.state);
  backtest.merger(
    data.config.symbols.map((s, i) =>
      openTickSource(db, readSymbol(db, s)!, {
        from: data.config.from ?? undefined,
        to: data.config.to ?? undefined,
        skip: data.cursor[i],
      }),
    ),
  );
  return performance.now() - t0;
}
