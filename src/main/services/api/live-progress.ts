/**
 * `run:progress` payloads: a view of a running backtest, built in the run's progress callback
 * (at most every 100 ms, between engine steps). Reads the live engine and portfolio, never
 * mutates them, and copies everything into plain JSON (NaN → null), since the event crosses
 * threads and IPC while the engine keeps running.
 */
import type { Backtest } from '../../engine/backtest/backtest.ts';
import type { LiveFrame, RunProgressEvent } from '../../../shared/dto.ts';
import type { RunProgress } from '../runs/run-service.ts';
import { finite } from './dto-map.ts';

/**
 * The app's run:progress payload. `backtest` is null for a run computed elsewhere (a cluster
 * run: only its counts come back through Redis), which then has no money or live bars to show.
 */
export function progressEvent(p: RunProgress, backtest: Backtest | null): RunProgressEvent {
  const rate = finite(p.ticksPerSec) ?? 0;
  const left = p.ticksTotal - p.ticksDone;
  return {
    runId: p.runId,
    ticksDone: p.ticksDone,
    ticksTotal: p.ticksTotal,
    ticksPerSec: rate,
    seconds: p.seconds,
    etaSeconds: left <= 0 ? 0 : rate > 0 ? left / rate : null,
    simTime: finite(p.simTime),
    balance: backtest && finite(backtest.portfolio.balance),
    equity: backtest && finite(backtest.portfolio.equity()),
    marginLevel: backtest && finite(backtest.portfolio.marginLevel()),
    frames: backtest ? liveFrames(backtest) : [],
  };
}

/**
 * Every (symbol, timeframe) in run order, timeframes smallest first: the bar being built (null
 * when none is open), how far into its bucket the last tick was, and the indicator values at the
 * last close (the engine computes indicators on closed bars only), by column name.
 */
export function liveFrames(backtest: Backtest): LiveFrame[] {
  const engine = backtest.engine;
  const columns = engine.indicatorColumns;
  const { symbols, timeframes } = engine.config;
  return symbols.flatMap((symbol, s) =>
    timeframes.map((timeframe, k): LiveFrame => {
      const bar = engine.frames[s].partials[k];
      const history = engine.frames[s].histories[k];
      const indicators: Record<string, number | null> = {};
      columns.forEach((name, i) => (indicators[name] = finite(history.indicatorValue(i))));
      return {
        symbol,
        timeframe,
        partial:
          bar.ticks === 0
            ? null
            : {
                time: bar.start,
                open: bar.open,
                high: bar.high,
                low: bar.low,
                close: bar.close,
                volume: bar.volume,
                ticks: bar.ticks,
              },
        progress: finite(bar.progress()) ?? 0,
        indicators,
      };
    }),
  );
}
