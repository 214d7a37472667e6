/**
 * A fake BackendApi for the shell's component tests: records every invoke, answers from
 * per-channel handlers (or harmless defaults) and lets a test push events.
 */
import { act, cleanup } from '@testing-library/react';
import type {
  ArgsOf,
  Channel,
  EventMap,
  EventName,
  ResultOf,
} from '../../../src/shared/contract.ts';
import type { RunInfo, SymbolSummary } from '../../../src/shared/dto.ts';
import { setApi, type HostApi } from '../../../src/renderer/src/api/index.ts';
import { resetStores } from '../../../src/renderer/src/store/index.ts';

export type Handlers = {
  [C in Channel]?: (args: ArgsOf<C>) => ResultOf<C> | Promise<ResultOf<C>>;
};

const DEFAULTS: Partial<Record<Channel, unknown>> = {
  'app:info': { version: '9.9.9', dataDir: '/home/t/BackTestr', platform: 'linux', host: 'web' },
  'data:list': [],
  'data:pickFile': null,
  'data:specs': [],
  'strategies:list': { strategies: [], errors: [] },
  'runs:list': [],
  'runs:recoverable': [],
  // What the run, checkpoints and results screens read when a test navigates to them.
  'runs:results': { stats: null, report: null, equity: [], trades: [], rejections: [] },
  'checkpoints:list': [],
  // The price chart on the Run and Results screens.
  'charts:bars': {
    symbol: 'EURUSD',
    timeframe: 'M1',
    source: 'stored',
    bars: [],
    indicators: [],
    extent: null,
    moreBefore: false,
    moreAfter: false,
    errors: [],
  },
  // The Optimise screen and the sweep relaunch prompt read these at start.
  'sweeps:list': [],
  'sweeps:recoverable': [],
  // The New backtest and Optimise forms ask whether "Run on the cluster" can be offered.
  'settings:cluster': { redisUrl: null, storeUrl: null, status: 'unset', error: null },
};

export interface FakeApi {
  api: HostApi;
  calls: { channel: Channel; args: unknown }[];
  /** The args of every invoke of one channel, in order. */
  argsOf<C extends Channel>(channel: C): ArgsOf<C>[];
  /** Pushes an event to the subscribed listeners (inside act). */
  emit<E extends EventName>(event: E, payload: EventMap[E]): void;
  listenerCount(event: EventName): number;
}

export function installFakeApi(handlers: Handlers = {}, extra: Partial<HostApi> = {}): FakeApi {
  const calls: { channel: Channel; args: unknown }[] = [];
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const api: HostApi = {
    async invoke<C extends Channel>(channel: C, args?: ArgsOf<C>): Promise<ResultOf<C>> {
      calls.push({ channel, args });
      const handler = handlers[channel] as
        ((a: ArgsOf<C> | undefined) => ResultOf<C> | Promise<ResultOf<C>>) | undefined;
      if (handler) return handler(args);
      if (channel in DEFAULTS) return structuredClone(DEFAULTS[channel]) as ResultOf<C>;
      if (channel === 'runs:get')
        throw new Error(`run ${String((args as { runId: string }).runId)} not found`);
      return undefined as ResultOf<C>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const l = listener as (p: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
    getPathForFile: (file: File) => `/picked/${file.name}`,
    ...extra,
  };
  setApi(api);
  return {
    api,
    calls,
    argsOf: <C extends Channel>(channel: C) =>
      calls.filter((c) => c.channel === channel).map((c) => c.args as ArgsOf<C>),
    emit(event, payload) {
      act(() => listeners.get(event)?.forEach((l) => l(payload)));
    },
    listenerCount: (event) => listeners.get(event)?.size ?? 0,
  };
}

/** For afterEach: unmount, forget the fake and empty the stores. */
export function resetShell(): void {
  cleanup();
  setApi(null);
  resetStores();
}

export function symbolSummary(symbol: string, ticks = 123_456): SymbolSummary {
  return {
    symbol,
    first: Date.UTC(2024, 0, 1, 0, 0, 0),
    last: Date.UTC(2024, 0, 5, 23, 59, 58),
    ticks,
  };
}

export function runInfo(id: string, over: Partial<RunInfo> = {}): RunInfo {
  return {
    id,
    status: 'running',
    createdAt: Date.UTC(2024, 5, 1, 12, 0, 0),
    symbols: ['EURUSD'],
    timeframes: ['M1', 'H1'],
    indicators: [],
    strategy: { name: 'ma-cross', params: { fast: 10 } },
    account: { balance: 10_000, lotSize: 100_000, commissionPerLot: 0, slippage: 0 },
    from: null,
    to: null,
    ticksDone: 250_000,
    ticksTotal: 1_000_000,
    seconds: 12,
    error: null,
    parentRunId: null,
    parentSeq: null,
    sweepId: null,
    cluster: null,
    record: ['bars', 'trades', 'equity'],
    stats: null,
    report: null,
    money: null,
    ...over,
  };
}
