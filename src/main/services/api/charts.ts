/** `charts:*`: the price chart's candles and indicator series by visible range (issue 13). */
import type { BackendContext } from './context.ts';
import { requireRun } from './context.ts';
import type { DomainHandlers } from './handler-types.ts';

export function chartsHandlers(ctx: BackendContext): DomainHandlers<'charts'> {
  return {
    // Foundation stub: services/charts fills it in.
    'charts:bars': async (args) => {
      requireRun(ctx, args.runId);
      return {
        symbol: args.symbol,
        timeframe: args.timeframe,
        source: 'stored',
        bars: [],
        indicators: [],
        extent: null,
        moreBefore: false,
        moreAfter: false,
        errors: [],
      };
    },
  };
}
