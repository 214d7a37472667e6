/**
 * Marks, in shared memory, which strategy callback the engine is inside, so a watchdog on another
 * thread can see a callback that never returns (`for (;;) {}` in onBar) without the engine ever
 * stopping to report. The engine thread only writes a few integers per call; the watchdog polls.
 *
 * Layout of the SharedArrayBuffer (WATCH_BYTES):
 *   Int32 [0] entries: incremented on every entry (tells one long call from many short ones)
 *   Int32 [1] kind: CALLBACK code of the callback running now, 0 when none
 *   Int32 [2] symbol index, [3] timeframe index (-1 when not about a bar)
 *   Float64 [2] (bytes 16..23) simulated time of the bar or tick (ms UTC)
 */

/** Codes of the callbacks watched; 0 = outside any strategy code. */
export const CALLBACK = { init: 1, onBar: 2, onTick: 3, loading: 4 } as const;
export type CallbackName = keyof typeof CALLBACK;

export const WATCH_BYTES = 24;

export interface CallbackSnapshot {
  entries: number;
  /** null when no strategy code is running. */
  callback: CallbackName | null;
  symbol: number;
  timeframe: number;
  time: number;
}

const NAMES = Object.fromEntries(Object.entries(CALLBACK).map(([k, v]) => [v, k])) as Record<
  number,
  CallbackName
>;

export function newWatchBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(WATCH_BYTES);
}

/** The engine side: enter/exit around each strategy call. */
export class CallbackWatch {
  readonly #ints: Int32Array;
  readonly #time: Float64Array;

  constructor(buffer: SharedArrayBuffer) {
    this.#ints = new Int32Array(buffer, 0, 4);
    this.#time = new Float64Array(buffer, 16, 1);
  }

  enter(kind: number, symbol: number, timeframe: number, time: number): void {
    const ints = this.#ints;
    ints[2] = symbol;
    ints[3] = timeframe;
    this.#time[0] = time;
    ints[1] = kind;
    // Plain stores, no Atomics: a locked add costs ~20 ns, as much as a whole tick's engine
    // work on some strategies. The watchdog polls for seconds-long stalls; seeing a store one
    // poll late (or a torn view between two calls) at worst delays its verdict by one poll.
    ints[0]++;
  }

  exit(): void {
    this.#ints[1] = 0;
  }
}

/** The watchdog side: what the engine thread is doing now (a stall makes it stable). */
export function readCallbackWatch(buffer: SharedArrayBuffer): CallbackSnapshot {
  const ints = new Int32Array(buffer, 0, 4);
  const entries = Atomics.load(ints, 0);
  const kind = Atomics.load(ints, 1);
  return {
    entries,
    callback: NAMES[kind] ?? null,
    symbol: ints[2],
    timeframe: ints[3],
    time: new Float64Array(buffer, 16, 1)[0],
  };
}
