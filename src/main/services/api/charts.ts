/** `charts:*`: the price chart's candles and indicator series by visible range (issue 13). */
import { chartBars } from '../charts/chart-service.ts';
import { RebuiltBarsCache } from '../charts/rebuilt-bars.ts';
import type { BackendContext } from './context.ts';
import { requireRun } from './context.ts';
import type { DomainHandlers } from './handler-types.ts';

export function chartsHandlers(ctx: BackendContext): DomainHandlers<'charts'> {
  // One per backend: rebuilt series of runs that recorded no bars, reused while panning.
  const rebuilt = new RebuiltBarsCache();
  return {
    'charts:bars': async (args) => chartBars(ctx.db, rebuilt, requireRun(ctx, args.runId), args),
  };
}
