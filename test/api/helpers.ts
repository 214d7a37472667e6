import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import type { ArgsOf, BackendApi, EventMap, EventName } from '../../src/shared/contract.ts';
import { createBackend, type Backend } from '../../src/main/services/api/backend.ts';

/** Days of generated ticks most tests use: ~600 000 ticks, a run of ten engine steps. */
export const DAYS = 3;
export const START = '2024-01-03';

/**
 * The backend tests' usual run: ma-cross on EURUSD (signals on M5, trend on H1) with a checkpoint
 * every 150 000 ticks, a few per run of DAYS. Spread it to vary a field.
 */
export const MA_CROSS_RUN: ArgsOf<'runs:start'> = {
  symbols: ['EURUSD'],
  timeframes: ['M1', 'M5', 'H1'],
  strategy: 'ma-cross',
  params: { timeframe: 'M5', trendTimeframe: 'H1', fast: 5, slow: 20, trendPeriod: 10 },
  checkpoints: { intervalMs: 0, everyTicks: 150_000, keep: 5, level: 1 },
};

/** Fresh data folders with a backend each; backends are closed and folders removed after the test. */
export function useBackends(): (
  dataDir?: string,
) => Promise<{ backend: Backend; dataDir: string }> {
  const dirs: string[] = [];
  const backends: Backend[] = [];
  afterEach(async () => {
    for (const b of backends.splice(0)) await b.close();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  return async (dataDir?: string) => {
    const dir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'backtestr-api-'));
    if (!dataDir) dirs.push(dir);
    const backend = await createBackend({ dataDir: dir, host: 'web' });
    backends.push(backend);
    return { backend, dataDir: dir };
  };
}

export function tempDataDir(): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  return () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'backtestr-api-'));
    dirs.push(d);
    return d;
  };
}

/** A seeded backend with one run of `args` (runs:start) that completed. */
export async function completedRun(
  backendIn: () => Promise<{ backend: Backend; dataDir: string }>,
  args: ArgsOf<'runs:start'>,
): Promise<{ backend: Backend; dataDir: string; runId: string }> {
  const { backend, dataDir } = await backendIn();
  await seed(backend);
  const log = new EventLog(backend);
  const { runId } = await backend.invoke('runs:start', args);
  expect((await log.ended(runId)).status).toBe('completed');
  return { backend, dataDir, runId };
}

/** The file of checkpoint `seq` of a run, found by its name's seq. */
export function checkpointFileOf(dataDir: string, runId: string, seq: number): string {
  const dir = path.join(dataDir, 'runs', runId, 'checkpoints');
  const prefix = `ckpt-${String(seq).padStart(6, '0')}-`;
  return path.join(
    dir,
    fs.readdirSync(dir).find((n) => n.startsWith(prefix))!,
  );
}

export async function seed(backend: BackendApi, symbol = 'EURUSD', seed = 1): Promise<void> {
  await backend.invoke('data:generate', { symbol, start: START, days: DAYS, seed });
}

type Logged = { [E in EventName]: { at: number; payload: EventMap[E] }[] };

/** Records every event a backend pushes, with arrival times, and waits for particular ones. */
export class EventLog {
  readonly events: Logged = {
    'run:progress': [],
    'run:state': [],
    'checkpoint:written': [],
    'import:progress': [],
    'generate:progress': [],
    'sweep:progress': [],
  };
  readonly #waiters = new Set<() => void>();

  constructor(backend: BackendApi) {
    for (const name of Object.keys(this.events) as EventName[]) {
      backend.on(name, (payload) => {
        (this.events[name] as { at: number; payload: unknown }[]).push({
          at: performance.now(),
          payload,
        });
        for (const w of this.#waiters) w();
      });
    }
  }

  of<E extends EventName>(name: E, runId?: string): EventMap[E][] {
    return this.events[name]
      .map((e) => e.payload as EventMap[E])
      .filter((p) => runId === undefined || (p as { runId?: string }).runId === runId);
  }

  /** The first event (already seen or still to come) that matches. */
  waitFor<E extends EventName>(
    name: E,
    match: (payload: EventMap[E]) => boolean,
    timeoutMs = 30_000,
  ): Promise<EventMap[E]> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const hit = this.of(name).find(match);
        if (hit === undefined) return false;
        this.#waiters.delete(check);
        clearTimeout(timer);
        resolve(hit);
        return true;
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`no matching '${name}' event within ${timeoutMs} ms`));
      }, timeoutMs);
      if (!check()) this.#waiters.add(check);
    });
  }

  /** run:state of the run that is not 'running': how its session ended. */
  ended(runId: string, timeoutMs?: number): Promise<EventMap['run:state']> {
    return this.waitFor('run:state', (s) => s.runId === runId && s.status !== 'running', timeoutMs);
  }
}
