/**
 * A BackendApi for screen tests: answers invokes from per-channel handlers, records every call,
 * and lets the test push events to the listeners the screen subscribed.
 */
import { act } from '@testing-library/react';
import type {
  ArgsOf,
  BackendApi,
  Channel,
  EventMap,
  EventName,
  ResultOf,
} from '../../../src/shared/contract.ts';
import type {
  CheckpointInfo,
  DiffReport,
  InspectReport,
  RunInfo,
  RunResults,
} from '../../../src/shared/dto.ts';

export type Handlers = {
  [C in Channel]?: (args: ArgsOf<C>) => ResultOf<C> | Promise<ResultOf<C>>;
};

export interface FakeBackend {
  api: BackendApi;
  calls: { channel: Channel; args: unknown }[];
  /** Arguments of every call of one channel, in order. */
  callsOf<C extends Channel>(channel: C): ArgsOf<C>[];
  /** Delivers an event to the subscribed listeners inside act(). */
  emit<E extends EventName>(event: E, payload: EventMap[E]): void;
  listenerCount(event: EventName): number;
  handlers: Handlers;
}

export function fakeBackend(handlers: Handlers = {}): FakeBackend {
  const calls: { channel: Channel; args: unknown }[] = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const api: BackendApi = {
    invoke<C extends Channel>(channel: C, args?: ArgsOf<C>): Promise<ResultOf<C>> {
      calls.push({ channel, args });
      const handler = handlers[channel] as
        ((a: ArgsOf<C> | undefined) => ResultOf<C> | Promise<ResultOf<C>>) | undefined;
      if (!handler) return Promise.reject(new Error(`fake backend: no handler for ${channel}`));
      try {
        return Promise.resolve(handler(args));
      } catch (e) {
        return Promise.reject(e);
      }
    },
    on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
      const fn = (p: unknown) => listener(p as EventMap[E]);
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(fn);
      return () => set.delete(fn);
    },
  };
  return {
    api,
    calls,
    handlers,
    callsOf: <C extends Channel>(channel: C) =>
      calls.filter((c) => c.channel === channel).map((c) => c.args as ArgsOf<C>),
    emit(event, payload) {
      act(() => {
        for (const fn of listeners.get(event) ?? []) fn(payload);
      });
    },
    listenerCount: (event) => listeners.get(event)?.size ?? 0,
  };
}

export function runInfo(over: Partial<RunInfo> = {}): RunInfo {
  return {
    id: 'r1',
    status: 'running',
    createdAt: Date.UTC(2026, 0, 5, 9, 0, 0),
    symbols: ['EURUSD'],
    timeframes: ['M1', 'H1'],
    indicators: ['sma(20)'],
    strategy: { name: 'ma-cross', params: { fast: 10, slow: 30 } },
    account: { balance: 10_000, lotSize: 100_000, commissionPerLot: 7, slippage: 0 },
    from: Date.UTC(2024, 0, 1),
    to: Date.UTC(2024, 2, 1),
    ticksDone: 0,
    ticksTotal: 1000,
    seconds: 0,
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

export function checkpoint(seq: number, over: Partial<CheckpointInfo> = {}): CheckpointInfo {
  return {
    seq,
    ticks: seq * 1000,
    progressPct: seq * 10,
    simTime: Date.UTC(2024, 0, seq, 12, 0, 0),
    wallTime: Date.UTC(2026, 0, 5, 9, seq, 0),
    trigger: 'interval',
    bytes: 20_480 + seq,
    status: 'valid',
    pauseMs: 1.5,
    writeMs: 12.25,
    ...over,
  };
}

export const emptyResults = (): RunResults => ({
  stats: null,
  report: null,
  equity: [],
  trades: [],
  rejections: [],
});

export function inspectReport(seq: number): InspectReport {
  return {
    file: {
      path: `/data/checkpoints/r1/ckpt-${seq}.btck`,
      fileBytes: 20_480,
      payloadBytes: 81_920,
      compressionRatio: 4,
    },
    versions: { format: 1, header: 1, app: '0.1.0', createdAt: '2026-01-05T09:02:00.000Z' },
    run: {
      id: 'r1',
      seq,
      strategy: 'ma-cross',
      params: { fast: 10, slow: 30 },
      symbols: ['EURUSD'],
      timeframes: ['M1'],
      indicators: ['sma(20)'],
    },
    cursor: {
      ticks: 2000,
      ticksTotal: 10_000,
      progressPct: 20,
      perSymbol: [{ symbol: 'EURUSD', ticks: 2000 }],
      simTime: '2024-01-02T12:00:00.000Z',
    },
    meta: {
      trigger: 'manual',
      wallTime: '2026-01-05T09:02:00.000Z',
      elapsedSeconds: 3.5,
      ticksPerSec: 571,
    },
    barsClosed: [{ timeframe: 'M1', bars: 321 }],
    frames: [
      {
        symbol: 'EURUSD',
        timeframe: 'M1',
        partial: {
          time: '2024-01-02T12:00:00.000Z',
          open: 1.1,
          high: 1.10042,
          low: 1.09987,
          close: 1.10012,
          volume: 12,
          ticks: 12,
          progressPct: 55,
        },
        historyBars: 321,
        lastClosed: '2024-01-02T11:59:00.000Z',
        indicators: { sma_20: 1.100123456 },
      },
    ],
    strategyState: { lastCross: 'up', bars: 321 },
    portfolio: {
      balance: 10_250.5,
      equity: 10_260,
      equityTime: '2024-01-02T12:00:00.000Z',
      equityAtCapture: 10_262.75,
      closedPositions: 4,
      positions: [
        {
          symbol: 'EURUSD',
          side: 'long',
          size: 100_000,
          entryPrice: 1.09991,
          entryTime: '2024-01-02T11:30:00.000Z',
          stopLoss: null,
          takeProfit: null,
          tradeId: 5,
          unrealizedPnl: 12.25,
        },
      ],
      pendingOrders: [],
    },
    watermarks: { bars: [], tradeSeq: 4, equityTime: '2024-01-02T12:00:00.000Z' },
    pendingRows: { bars: 0, trades: 0, equity: 1 },
  };
}

export function diffReport(a: number, b: number): DiffReport {
  return {
    a: { runId: 'r1', seq: a, ticks: 1000, simTime: '2024-01-01T12:00:00.000Z' },
    b: { runId: 'r1', seq: b, ticks: 2500, simTime: '2024-01-02T12:00:00.000Z' },
    ticksAdvanced: 1500,
    perSymbolTicks: [{ symbol: 'EURUSD', a: 1000, b: 2500, delta: 1500 }],
    barsClosed: [{ timeframe: 'M1', a: 100, b: 340, delta: 240 }],
    indicators: [
      { symbol: 'EURUSD', timeframe: 'M1', column: 'sma_20', a: 1.1, b: 1.10025, delta: 0.00025 },
    ],
    positions: [
      {
        symbol: 'EURUSD',
        a: null,
        b: { side: 'short', size: 50_000, entryPrice: 1.10031, tradeId: 3 },
      },
    ],
    equity: { a: 10_000, b: 10_125.5, delta: 125.5 },
    equityAtCapture: { a: 10_000, b: 10_120, delta: 120 },
    balance: { a: 10_000, b: 9_990, delta: -10 },
    trades: { a: 1, b: 2, delta: 1, basis: 'positions closed', rows: { a: 1, b: 2, delta: 1 } },
  };
}
