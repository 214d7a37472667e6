import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { generateTicks } from '../../engine/data/generate/index.ts';
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
  /**
   * After each batch: ticks so far and the days generated so far (fractional, from the batch's
   * last tick; `days` exactly once, at the end).
   */
  onProgress?: (ticks: number, daysDone: number) => void;
}

/**
 * Generation is synchronous CPU work; this often it gives the event loop a turn, so progress
 * events reach the UI (an HTTP stream's writes are flushed on a later turn) and the backend
 * answers other requests meanwhile. Import does the same between file chunks.
 */
const YIELD_EVERY_MS = 50;

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
  const writer = new TickWriter(db, req.symbol, true, req.replace ?? false);
  try {
    let turnAt = performance.now();
    for (const batch of generateTicks(opts)) {
      writer.add(batch);
      if (batch.length > 0) {
        // Capped below `days`: only the end says "done" (the last batch need not reach the span's end).
        const span = Math.max(0, batch.ts[batch.length - 1]! - req.start) / DAY_MS;
        req.onProgress?.(writer.count, Math.min(span, req.days * 0.9999));
      }
      if (performance.now() - turnAt >= YIELD_EVERY_MS) {
        await nextTurn();
        turnAt = performance.now();
      }
    }
    req.onProgress?.(writer.count, req.days);
    const generated = writer.count;
    writer.commit();
    return { symbol: readSymbol(db, req.symbol)!, generated };
  } catch (err) {
    writer.abort();
    throw err;
  }
}
