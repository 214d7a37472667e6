/**
 * Budgets of a run's worker thread. Defaults suit real use; the environment variables exist so
 * tests can make them small (a test never waits 5 s for a watchdog, and never needs 4 GB to
 * prove a memory limit).
 */
import os from 'node:os';

/** One strategy callback (init, onBar, onTick) may run this long before its run is failed. */
export const DEFAULT_CALLBACK_TIMEOUT_MS = 5_000;

/** Importing a user strategy file (and its `requires`) may take this long. */
export const DEFAULT_LOAD_TIMEOUT_MS = 10_000;

function envMs(name: string): number | null {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : null;
}

export function callbackTimeoutMs(asked?: number | null): number {
  return asked ?? envMs('BACKTESTR_CALLBACK_TIMEOUT_MS') ?? DEFAULT_CALLBACK_TIMEOUT_MS;
}

export function loadTimeoutMs(): number {
  return envMs('BACKTESTR_STRATEGY_LOAD_TIMEOUT_MS') ?? DEFAULT_LOAD_TIMEOUT_MS;
}

/**
 * The V8 heap a run's worker may use: generous (a strategy keeping a lot of history is fine),
 * but at most half the machine's memory, so one runaway strategy fails its run instead of
 * swapping the machine to a halt. SQLite's and checkpoint buffers' memory is outside this heap.
 */
export function runMemoryMb(): number {
  const env = envMs('BACKTESTR_RUN_MEMORY_MB');
  if (env !== null) return Math.ceil(env);
  return Math.max(256, Math.min(4096, Math.floor(os.totalmem() / 2 / 2 ** 20)));
}

/** "5 s", "0.3 s": budgets as people read them. */
export function secondsText(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/**
 * The parent's Node options minus those that only make sense for a main script given as a string
 * (`node --input-type=module -e …`): a worker inherits execArgv, and that flag stops it at once.
 */
export function workerExecArgv(): string[] {
  return process.execArgv.filter((a) => !a.startsWith('--input-type'));
}
