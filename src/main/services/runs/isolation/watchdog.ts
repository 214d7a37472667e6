/**
 * Watches a run's worker from the controller's thread: polls the callback marks the engine
 * writes (engine/strategy/callback-watch.ts) and calls `onStuck` once when the same callback
 * call has been running longer than its budget. The engine pays a few stores per callback; all
 * the timing happens here, on a thread strategy code never runs on.
 */
import { performance } from 'node:perf_hooks';
import {
  readCallbackWatch,
  type CallbackSnapshot,
} from '../../../engine/strategy/callback-watch.ts';
import type { StartedRun } from './run-protocol.ts';
import { secondsText } from './limits.ts';

export interface WatchBudgets {
  callbackMs: number;
  loadMs: number;
}

export class Watchdog {
  readonly #buffer: SharedArrayBuffer;
  readonly #budgets: WatchBudgets;
  readonly #onStuck: (s: CallbackSnapshot, budgetMs: number) => void;
  #timer: NodeJS.Timeout | null = null;
  /** The call seen last (its entry count) and since when it is seen running. */
  #entries = -1;
  #since = 0;

  constructor(
    buffer: SharedArrayBuffer,
    budgets: WatchBudgets,
    onStuck: (s: CallbackSnapshot, budgetMs: number) => void,
  ) {
    this.#buffer = buffer;
    this.#budgets = budgets;
    this.#onStuck = onStuck;
  }

  start(): void {
    // A quarter of the smaller budget: a stuck call is noticed within 1.25 × its budget.
    const every = Math.max(
      10,
      Math.min(250, this.#budgets.callbackMs / 4, this.#budgets.loadMs / 4),
    );
    this.#timer = setInterval(() => this.#poll(), every);
    this.#timer.unref(); // the worker keeps the process alive, not the watchdog
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  #poll(): void {
    const s = readCallbackWatch(this.#buffer);
    const now = performance.now();
    if (s.callback === null) {
      this.#entries = -1;
      return;
    }
    if (s.entries !== this.#entries) {
      // A new call since the last look (it may have started up to one poll ago: never early).
      this.#entries = s.entries;
      this.#since = now;
      return;
    }
    const budget = s.callback === 'loading' ? this.#budgets.loadMs : this.#budgets.callbackMs;
    if (now - this.#since >= budget) {
      this.stop();
      this.#onStuck(s, budget);
    }
  }
}

/**
 * "strategy <file>: onBar on EURUSD H1 bar 2024-01-03T10:00:00Z ran longer than 5 s", or for a
 * module still loading "loading <file> took longer than 10 s".
 */
export function stuckMessage(
  run: StartedRun | null,
  loadingFile: string | null,
  s: CallbackSnapshot,
  budgetMs: number,
): string {
  const budget = secondsText(budgetMs);
  if (s.callback === 'loading' || s.callback === null)
    return `loading ${loadingFile ?? 'the strategy'} took longer than ${budget}`;
  const where = run?.strategy ?? 'the strategy';
  const symbol = run?.symbols[s.symbol];
  const at = Number.isFinite(s.time) ? new Date(s.time).toISOString().replace('.000Z', 'Z') : '';
  let what: string = s.callback;
  if (s.callback === 'onBar') what = `onBar on ${symbol} ${run?.timeframes[s.timeframe]} bar ${at}`;
  else if (s.callback === 'onTick') what = `onTick on ${symbol} tick ${at}`;
  return `strategy ${where}: ${what} ran longer than ${budget}`;
}
