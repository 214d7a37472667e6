import { generateTicks, estimateTickCount } from '../../engine/data/generate/index.ts';
import { DAY_MS } from '../../engine/data/generate/fx-sessions.ts';
import { tickTimeProblem } from '../../engine/data/tick-limits.ts';
import type { Db } from '../db/database.ts';
import { loadHasher } from '../hash.ts';
import { checkSymbolName } from './symbol-name.ts';
import { readSymbol, type SymbolInfo } from './tick-store.ts';
import { TickWriter } from './tick-writer.ts';

export interface GenerateRequest {
  symbol: string;
  start: number;
  days: number;
  seed: number;
  replace?: boolean;
  onProgress?: (ticks: number, estimatedTotal: number) => void;
}

/** Stores deterministic synthetic ticks (same request ⇒ same ticks), all or nothing. */
export async function generateSymbolTicks(
  db: Db,
  req: GenerateRequest,
): Promise<{ symbol: SymbolInfo; generated: number }> {
  checkSymbolName(req.symbol);
  if (!Number.isInteger(req.days) || req.days < 1)
    throw new Error('--days must be a whole number >= 1');
  if (!Number.isInteger(req.seed)) throw new Error('--seed must be a whole number');
  // The generated span must lie in the range every stored tick must (engine/data/tick-limits.ts).
  const startProblem = tickTimeProblem(req.start);
  if (startProblem !== null) throw new Error(`--start ${startProblem}`);
  const lastPossibleTick = req.start + req.days * DAY_MS - 1;
  const endProblem = tickTimeProblem(lastPossibleTick);
  if (endProblem !== null) throw new Error(`--start plus --days ends at a time that ${endProblem}`);
  await loadHasher();
  const opts = { symbol: req.symbol, start: req.start, days: req.days, seed: req.seed };
  const estimate = estimateTickCount(opts);
  const writer = new TickWriter(db, req.symbol, true, req.replace ?? false);
  try {
    for (const batch of generateTicks(opts)) {
      writer.add(batch);
      req.onProgress?.(writer.count, estimate);
    }
    const generated = writer.count;
    writer.commit();
    return { symbol: readSymbol(db, req.symbol)!, generated };
  } catch (err) {
    writer.abort();
    throw err;
  }
}
