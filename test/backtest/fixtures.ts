import { generateTicks } from '../../src/main/engine/data/generate/index.ts';
import type { TickBatch } from '../../src/main/engine/data/tick-batch.ts';
import type { TickSource } from '../../src/main/engine/data/tick-source.ts';
import type { Bar } from '../../src/main/engine/mtf/bar.ts';
import type { Trade } from '../../src/main/engine/portfolio/types.ts';
import type { EquitySample } from '../../src/main/engine/results/equity-tracker.ts';
import type { StrategyModule } from '../../src/main/engine/strategy/types.ts';

/** Generated ticks kept in memory, one array of batches per symbol. */
export function generated(
  symbols: string[],
  days: number,
  start = '2024-03-07T00:00:00Z',
): TickBatch[][] {
  return symbols.map((symbol, s) => [
    ...generateTicks({ symbol, start: Date.parse(start), days, seed: 11 + s, batchSize: 4096 }),
  ]);
}

/** One symbol's ticks from tick `skip` on: the resume cursor. */
export function memorySource(batches: TickBatch[], skip = 0): TickSource {
  let i = 0;
  let toSkip = skip;
  return {
    next() {
      while (i < batches.length) {
        const b = batches[i++];
        if (toSkip >= b.length) {
          toSkip -= b.length;
          continue;
        }
        const s = toSkip;
        toSkip = 0;
        const cut = (a: Float64Array | null) => (a ? a.subarray(s, b.length) : null);
        return {
          length: b.length - s,
          ts: cut(b.ts)!,
          bid: cut(b.bid)!,
          ask: cut(b.ask)!,
          bidVol: cut(b.bidVol),
          askVol: cut(b.askVol),
        };
      }
      return null;
    },
  };
}

/** Everything a backtest emits, in order, for exact comparison. */
export class Recording {
  readonly events: unknown[][] = [];
  onBarClosed(symbol: number, timeframe: number, bar: Bar, values: Float64Array): void {
    this.events.push(['bar', symbol, timeframe, ...Object.values(bar), ...values]);
  }
  onTrade(t: Trade): void {
    this.events.push(['trade', ...Object.values(t)]);
  }
  onEquity(s: EquitySample): void {
    this.events.push(['equity', ...Object.values(s)]);
  }
}

/** First difference between two recordings (Object.is on every value), or null. */
export function firstDifference(a: unknown[][], b: unknown[][]): string | null {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? [];
    const y = b[i] ?? [];
    if (x.length !== y.length || x.some((v, k) => !Object.is(v, y[k]))) {
      return `event ${i}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`;
    }
  }
  return null;
}

/**
 * A busy test strategy: trades on every M5 close from a counter in ctx.state, alternates
 * market, stop and limit orders with stops, and uses onTick — so a restore has plenty of
 * portfolio and strategy state to get wrong.
 */
export const busyStrategy: StrategyModule = {
  name: 'busy',
  description: 'test strategy that trades a lot',
  params: [],
  requires: () => ({ timeframes: ['M5'], indicators: ['ema(5)', 'rsi(7)'] }),
  init(ctx) {
    ctx.state.n = 0;
    ctx.state.ticksSeen = {};
  },
  onBar(ctx, ev) {
    if (ev.timeframe !== 'M5') return;
    const n = (ctx.state.n as number) + 1;
    ctx.state.n = n;
    const pip = ev.symbol.includes('JPY') ? 0.01 : 0.0001;
    const c = ev.bar.close;
    const rsi = ctx.indicator(ev.symbol, 'M5', 'rsi(7)');
    const side = rsi > 50 ? 'buy' : 'sell';
    const dir = side === 'buy' ? 1 : -1;
    if (n % 7 === 0) ctx.close(ev.symbol);
    else if (n % 3 === 0)
      ctx.order(ev.symbol, side, 10_000, {
        type: 'stop',
        price: c + dir * 3 * pip,
        stopLoss: c - dir * 10 * pip,
      });
    else if (n % 5 === 0)
      ctx.order(ev.symbol, side, 20_000, {
        type: 'limit',
        price: c - dir * 2 * pip,
        takeProfit: c + dir * 6 * pip,
      });
    else
      ctx.order(ev.symbol, side, 10_000 * (1 + (n % 3)), {
        stopLoss: c - dir * 8 * pip,
        takeProfit: c + dir * 8 * pip,
      });
  },
  onTick(ctx, tick) {
    const seen = ctx.state.ticksSeen as Record<string, number>;
    seen[tick.symbol] = (seen[tick.symbol] ?? 0) + 1;
  },
};
